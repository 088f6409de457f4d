import { useState } from 'react'
import { Link } from 'react-router'
import { formatVnDate } from '../../app/format.ts'
import { useT } from '../../app/i18n.tsx'
import { useReadySession, useSession } from '../../app/session.tsx'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { FactList } from '../../ui/FactList.tsx'
import { ProgressBar } from '../../ui/ProgressBar.tsx'
import { type AssignmentView, directivesApi } from './api.ts'
import { headText, ROLE } from './labels.ts'
import { OrgSearch } from './OrgSearch.tsx'
import { ReportForm } from './ReportForm.tsx'
import { ReportHistory } from './ReportHistory.tsx'
import { StatusBadge } from './StatusBadge.tsx'

/** One body's part in a task: where it stands, what it reported, and what the user may do about it. */
export function AssignmentBlock({ a, onChanged }: { a: AssignmentView; onChanged: () => void }) {
  const t = useT()
  const { can } = useSession()
  const { me } = useReadySession()
  const [mode, setMode] = useState<'idle' | 'report' | 'reassign'>('idle')
  const [error, setError] = useState<unknown>(null)
  const canReport = can('directives:report') && (me.user.orgId === a.orgId || can('directives:review'))

  const reassign = async (orgId: number) => {
    setError(null)
    try {
      await directivesApi.reassign(a.id, orgId)
      setMode('idle')
      onChanged()
    } catch (err) {
      setError(err)
    }
  }

  return (
    <li className={`assignment status-border-${a.status}`} data-testid={`assignment-${a.id}`} aria-label={`${a.orgName} — ${t(ROLE[a.role])}`}>
      <div className="assignment-head">
        <Link to={`/directives/orgs/${a.orgId}`} className="assignment-org">
          {a.orgName}
        </Link>
        <span className="badge">{t(ROLE[a.role])}</span>
        <StatusBadge status={a.status} />
      </div>
      {a.nameAsWritten && a.nameAsWritten !== a.orgName ? <p className="muted">{t('dir.chip.written', { text: a.nameAsWritten })}</p> : null}
      {a.transferNote ? <p className="muted">{a.transferNote}</p> : null}
      {a.percent !== null ? <ProgressBar percent={a.percent} label={t('dir.progressOf', { name: a.orgName })} /> : <p className="muted">{t('dir.noReportYet')}</p>}
      <FactList
        compact
        facts={[
          { label: t('dir.col.head'), value: headText(a.head, a.headPosition) },
          !!a.nextDue && { label: t('dir.col.nextDue'), value: formatVnDate(a.nextDue) },
          !!a.overdueSince && { label: t('dir.col.overdueSince'), value: formatVnDate(a.overdueSince), className: 'late-text' },
        ]}
      />
      <div className="button-row">
        {canReport ? (
          <button type="button" className="button-secondary" aria-expanded={mode === 'report'} onClick={() => setMode(mode === 'report' ? 'idle' : 'report')}>
            {t('dir.report.open')}
          </button>
        ) : null}
        {can('directives:write') ? (
          <button type="button" className="button-link" aria-expanded={mode === 'reassign'} onClick={() => setMode(mode === 'reassign' ? 'idle' : 'reassign')}>
            {t('dir.reassign')}
          </button>
        ) : null}
      </div>
      {mode === 'report' ? (
        <ReportForm
          assignmentId={a.id}
          orgName={a.orgName}
          onDone={() => {
            setMode('idle')
            onChanged()
          }}
          onCancel={() => setMode('idle')}
        />
      ) : null}
      {mode === 'reassign' ? <OrgSearch label={t('dir.reassignTo', { name: a.orgName })} onPick={(o) => reassign(o.id)} onCancel={() => setMode('idle')} /> : null}
      <ErrorMessage error={error} />
      <h4 className="reports-title">{t('dir.report.history')}</h4>
      <ReportHistory reports={a.reports} mayReview={a.mayReview} onChanged={onChanged} />
    </li>
  )
}
