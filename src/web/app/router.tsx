import { createBrowserRouter, Navigate, Outlet, useLocation } from 'react-router'
import { LoginPage } from '../features/access/LoginPage.tsx'
import { UserPage } from '../features/access/UserPage.tsx'
import { UsersPage } from '../features/access/UsersPage.tsx'
import { AuditPage } from '../features/audit/AuditPage.tsx'
import { ComposePage } from '../features/directives/ComposePage.tsx'
import { DashboardPage } from '../features/directives/DashboardPage.tsx'
import { DirectivePage } from '../features/directives/DirectivePage.tsx'
import { DirectivesListPage } from '../features/directives/DirectivesListPage.tsx'
import { ImportPage } from '../features/directives/ImportPage.tsx'
import { MyTasksPage } from '../features/directives/MyTasksPage.tsx'
import { OrgAssignmentsPage } from '../features/directives/OrgAssignmentsPage.tsx'
import { HomePage } from '../features/home/HomePage.tsx'
import { NotBuiltPage, NotFoundPage } from '../features/home/NotBuiltPage.tsx'
import { JobsPage } from '../features/jobs/JobsPage.tsx'
import { OrgPage } from '../features/orgs/OrgPage.tsx'
import { OrgsPage } from '../features/orgs/OrgsPage.tsx'
import { PeoplePage } from '../features/people/PeoplePage.tsx'
import { DuePage } from '../features/quarantine/DuePage.tsx'
import { FacilitiesPage } from '../features/quarantine/FacilitiesPage.tsx'
import { FacilityPage as QuarantineFacilityPage } from '../features/quarantine/FacilityPage.tsx'
import { HomePlacementPage } from '../features/quarantine/HomePlacementPage.tsx'
import { PlacementPage } from '../features/quarantine/PlacementPage.tsx'
import { QuarantineRulesPage } from '../features/quarantine/RulesPage.tsx'
import { PersonPage } from '../features/people/PersonPage.tsx'
import { FacilityPage } from '../features/care/FacilityPage.tsx'
import { HomeCarePage, HomePatientPage, TasksPage } from '../features/care/HomePages.tsx'
import { PublicCheckPage } from '../features/care/PublicCheckPage.tsx'
import { CareRulesPage } from '../features/care/RulesPage.tsx'
import { TowerPage } from '../features/care/TowerPage.tsx'
import { CampaignPage, CampaignsPage } from '../features/surveillance/Campaigns.tsx'
import { CasesPage } from '../features/surveillance/CasesPage.tsx'
import { ClusterPage, ClustersPage } from '../features/surveillance/ClustersPage.tsx'
import { ContactsPage } from '../features/surveillance/ContactsPage.tsx'
import { FollowupsPage } from '../features/surveillance/FollowupsPage.tsx'
import { GraphPage } from '../features/surveillance/GraphPage.tsx'
import { NewCasePage } from '../features/surveillance/NewCasePage.tsx'
import { OverviewPage } from '../features/surveillance/OverviewPage.tsx'
import { PersonRecordPage } from '../features/surveillance/PersonRecordPage.tsx'
import { NewPoolPage, PoolsPage } from '../features/surveillance/Pools.tsx'
import { PoolPage, TestsPage } from '../features/surveillance/TestsPage.tsx'
import { ZonesPage } from '../features/surveillance/ZonesPage.tsx'
import { MapPage } from '../features/units/MapPage.tsx'
import { UnitPage } from '../features/units/UnitPage.tsx'
import { UnitsPage } from '../features/units/UnitsPage.tsx'
import { Loading } from '../ui/ErrorMessage.tsx'
import { Layout } from '../ui/Layout.tsx'
import { LevelsPage } from '../features/levels/LevelsPage.tsx'
import { PublicLevelsPage, PublicMeasuresPage } from '../features/levels/PublicLevelsPage.tsx'
import { ChecklistsPage as SafetyChecklistsPage, FacilitiesPage as SafetyFacilitiesPage, FacilityPage as SafetyFacilityPage, PosterPage as SafetyPosterPage } from '../features/safety/AdminPages.tsx'
import { PublicFacilityPage as SafetyPublicFacilityPage, PublicMapPage as SafetyPublicMapPage } from '../features/safety/PublicPages.tsx'
import { SelfAssessPage } from '../features/safety/SelfAssessPage.tsx'
import { RuleSetPage, RuleSetsPage } from '../features/levels/RuleSetsPage.tsx'
import { NOT_BUILT } from './nav.ts'
import { ArrivalsPage } from '../features/entry/ArrivalsPage.tsx'
import { CheckpointPage } from '../features/entry/CheckpointPage.tsx'
import { CheckpointsPage } from '../features/entry/CheckpointsPage.tsx'
import { IllegalCasePage, IllegalListPage } from '../features/entry/IllegalPages.tsx'
import { PublicArrivalPage, PublicReportPage } from '../features/entry/PublicForms.tsx'
import { ZonesPage as EntryZonesPage } from '../features/entry/StaffForms.tsx'
import { useSession } from './session.tsx'

function RequireSession() {
  const { status } = useSession()
  const location = useLocation()
  if (status === 'loading') return <Loading />
  if (status === 'anonymous') {
    const next = `${location.pathname}${location.search}`
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />
  }
  return <Outlet />
}

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  // The public page: no login, nothing personal.
  { path: '/cong-khai/cap-do', element: <PublicLevelsPage /> },
  { path: '/cong-khai/cap-do/bien-phap', element: <PublicMeasuresPage /> },
  // The patient's daily-check form: public, reached by their personal link.
  { path: '/theo-doi/:token', element: <PublicCheckPage /> },
  // The public arrival declaration and illegal-entry report: no login, nothing personal shown back.
  { path: '/khai-bao/den-dia-phuong', element: <PublicArrivalPage /> },
  { path: '/bao-tin/nhap-canh-trai-phep', element: <PublicReportPage /> },
  // The public safety map and a facility's page; the self-assessment form behind a facility's link or QR code.
  // The public list of approved large events: no login, nothing personal.
  { path: '/cong-khai/su-kien', lazy: async () => ({ Component: (await import('../features/events/PublicEventsPage.tsx')).PublicEventsPage }) },
  { path: '/cong-khai/an-toan', element: <SafetyPublicMapPage /> },
  { path: '/cong-khai/an-toan/co-so/:id', element: <SafetyPublicFacilityPage /> },
  { path: '/an-toan/:token', element: <SelfAssessPage /> },
  {
    element: <RequireSession />,
    children: [
      {
        element: <Layout />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'map', element: <MapPage /> },
          { path: 'units', element: <UnitsPage /> },
          { path: 'units/:code', element: <UnitPage /> },
          { path: 'orgs', element: <OrgsPage /> },
          { path: 'orgs/new', element: <OrgPage /> },
          { path: 'orgs/:id', element: <OrgPage /> },
          { path: 'people', element: <PeoplePage /> },
          { path: 'people/new', element: <PersonPage /> },
          { path: 'people/:id', element: <PersonPage /> },
          { path: 'surveillance', element: <OverviewPage /> },
          { path: 'surveillance/overview', element: <OverviewPage /> },
          { path: 'surveillance/cases', element: <CasesPage /> },
          { path: 'surveillance/cases/new', element: <NewCasePage /> },
          { path: 'surveillance/contacts', element: <ContactsPage /> },
          { path: 'surveillance/tests', element: <TestsPage /> },
          { path: 'surveillance/pools', element: <PoolsPage /> },
          { path: 'surveillance/pools/new', element: <NewPoolPage /> },
          { path: 'surveillance/pools/:id', element: <PoolPage /> },
          { path: 'surveillance/campaigns', element: <CampaignsPage /> },
          { path: 'surveillance/campaigns/:id', element: <CampaignPage /> },
          { path: 'surveillance/clusters', element: <ClustersPage /> },
          { path: 'surveillance/clusters/:id', element: <ClusterPage /> },
          { path: 'surveillance/zones', element: <ZonesPage /> },
          { path: 'surveillance/followups', element: <FollowupsPage /> },
          // The import page carries the country names (i18n-iso-countries) of the import columns: loaded when opened.
          { path: 'surveillance/imports', lazy: async () => ({ Component: (await import('../features/surveillance/ImportsPage.tsx')).ImportsPage }) },
          { path: 'surveillance/people/:id', element: <PersonRecordPage /> },
          { path: 'surveillance/graph', element: <GraphPage /> },
          { path: 'analytics', lazy: async () => ({ Component: (await import('../features/analytics/AnalyticsPage.tsx')).AnalyticsPage }) },
          { path: 'bang-dieu-hanh', lazy: async () => ({ Component: (await import('../features/board/BoardPage.tsx')).BoardPage }) },
          { path: 'su-kien', lazy: async () => ({ Component: (await import('../features/events/EventsPage.tsx')).EventsPage }) },
          { path: 'su-kien/:id', lazy: async () => ({ Component: (await import('../features/events/EventPage.tsx')).EventPage }) },
          { path: 'kiem-tra', lazy: async () => ({ Component: (await import('../features/enforcement/EnforcementPages.tsx')).EnforcementPage }) },
          { path: 'kiem-tra/co-so/:id', lazy: async () => ({ Component: (await import('../features/enforcement/EnforcementPages.tsx')).InspectPage }) },
          { path: 'kiem-tra/vi-pham/:id', lazy: async () => ({ Component: (await import('../features/enforcement/EnforcementPages.tsx')).ViolationPage }) },
          { path: 'kiem-tra/ke-hoach', lazy: async () => ({ Component: (await import('../features/enforcement/PlanPages.tsx')).PlansPage }) },
          { path: 'kiem-tra/ke-hoach/:id', lazy: async () => ({ Component: (await import('../features/enforcement/PlanPages.tsx')).PlanPage }) },
          { path: 'kiem-tra/khen-thuong', lazy: async () => ({ Component: (await import('../features/enforcement/RecognitionsPage.tsx')).RecognitionsPage }) },
          { path: 'su-kien/quy-dinh', lazy: async () => ({ Component: (await import('../features/events/EventRulesPage.tsx')).EventRulesPage }) },
          { path: 'tiem-chung', lazy: async () => ({ Component: (await import('../features/vaccination/VaccinationPages.tsx')).CoveragePage }) },
          { path: 'tiem-chung/nhap', lazy: async () => ({ Component: (await import('../features/vaccination/VaccinationPages.tsx')).EntryPage }) },
          { path: 'tiem-chung/nhap-tep', lazy: async () => ({ Component: (await import('../features/vaccination/VaccinationPages.tsx')).ImportPage }) },
          { path: 'quarantine', element: <FacilitiesPage /> },
          { path: 'quarantine/due', element: <DuePage /> },
          { path: 'quarantine/home', element: <HomePlacementPage /> },
          { path: 'quarantine/facilities/:id', element: <QuarantineFacilityPage /> },
          { path: 'quarantine/placements/:id', element: <PlacementPage /> },
          { path: 'quarantine/rules', element: <QuarantineRulesPage /> },
          { path: 'care', element: <TowerPage /> },
          { path: 'care/facilities/:id', element: <FacilityPage /> },
          { path: 'care/home', element: <HomeCarePage /> },
          { path: 'care/home/:id', element: <HomePatientPage /> },
          { path: 'care/tasks', element: <TasksPage /> },
          { path: 'care/rules', element: <CareRulesPage /> },
          { path: 'entry/arrivals', element: <ArrivalsPage /> },
          { path: 'entry/checkpoints', element: <CheckpointsPage /> },
          { path: 'entry/checkpoints/:id', element: <CheckpointPage /> },
          { path: 'entry/illegal', element: <IllegalListPage /> },
          { path: 'entry/illegal/:id', element: <IllegalCasePage /> },
          { path: 'entry/zones', element: <EntryZonesPage /> },
          { path: 'viec-cua-toi', element: <MyTasksPage /> },
          { path: 'directives', element: <DashboardPage /> },
          { path: 'directives/list', element: <DirectivesListPage /> },
          { path: 'directives/import', element: <ImportPage /> },
          { path: 'directives/new', element: <ComposePage /> },
          { path: 'directives/orgs/:id', element: <OrgAssignmentsPage /> },
          { path: 'directives/:id', element: <DirectivePage /> },
          { path: 'directives/:id/edit', element: <ComposePage /> },
          { path: 'admin/users', element: <UsersPage /> },
          { path: 'admin/users/new', element: <UserPage /> },
          { path: 'admin/users/:id', element: <UserPage /> },
          { path: 'admin/audit', element: <AuditPage /> },
          { path: 'admin/jobs', element: <JobsPage /> },
          { path: 'levels', element: <LevelsPage /> },
          { path: 'levels/rules', element: <RuleSetsPage /> },
          { path: 'levels/rules/:id', element: <RuleSetPage /> },
          { path: 'an-toan', element: <SafetyFacilitiesPage /> },
          { path: 'an-toan/bo-tieu-chi', element: <SafetyChecklistsPage /> },
          { path: 'an-toan/co-so/:id', element: <SafetyFacilityPage /> },
          { path: 'an-toan/co-so/:id/ap-phich', element: <SafetyPosterPage /> },
          ...NOT_BUILT.map((n) => ({ path: n.path, element: <NotBuiltPage label={n.label} /> })),
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
])
