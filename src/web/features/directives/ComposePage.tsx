import { Link, useParams } from 'react-router'
import { useT } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { Loaded, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { directivesApi } from './api.ts'
import { OrgDirectoryProvider } from './directory.tsx'
import { emptyDraft, fromDirective } from './draft.ts'
import { DraftForm } from './DraftForm.tsx'
import { DirectivesTabs } from './DirectivesTabs.tsx'

export function ComposePage() {
  const t = useT()
  const { id } = useParams()
  const { can } = useSession()
  const draftId = id ? Number(id) : null
  const loaded = useApi(draftId ? `directive:${draftId}` : null, (signal) => directivesApi.get(draftId!, signal))
  usePageTitle(draftId ? t('dir.editDraft') : t('dir.compose'))
  if (!can('directives:write')) return <NotAllowed />

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{draftId ? t('dir.editDraft') : t('dir.compose')}</h1>
      <DirectivesTabs />
      <OrgDirectoryProvider>
        {draftId ? (
          <Loaded state={loaded}>
            {(d) =>
              d.status === 'draft' ? (
                <DraftForm key={d.id} id={d.id} initial={fromDirective(d)} />
              ) : (
                <div className="alert alert-info" role="status">
                  <p>{t('dir.notADraft')}</p>
                  <p>
                    <Link to={`/directives/${d.id}`}>{t('dir.openDirective')}</Link>
                  </p>
                </div>
              )
            }
          </Loaded>
        ) : (
          <DraftForm key="new" id={null} initial={emptyDraft()} />
        )}
      </OrgDirectoryProvider>
    </section>
  )
}
