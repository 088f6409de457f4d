import { useEffect, useRef, useState } from 'react'
import { useT } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import { usePageTitle } from '../../app/useApi.ts'
import { NotAllowed } from '../../ui/ErrorMessage.tsx'
import { OrgDirectoryProvider } from './directory.tsx'
import { ImportReview } from './ImportReview.tsx'
import { ImportSource, type ReadDocument } from './ImportSource.tsx'
import { DirectivesTabs } from './DirectivesTabs.tsx'

/** Nhập văn bản: read a received document, review what was proposed, save it whole or not at all. */
export function ImportPage() {
  const t = useT()
  usePageTitle(t('dir.import'))
  const { can } = useSession()
  const [result, setResult] = useState<ReadDocument | null>(null)
  const headingRef = useRef<HTMLHeadingElement>(null)
  const started = useRef(false)
  // Moving between reading and reviewing replaces the page's content: start again at its heading.
  // biome-ignore lint/correctness/useExhaustiveDependencies: each new `result` is a new step to announce.
  useEffect(() => {
    if (started.current) headingRef.current?.focus()
    started.current = true
  }, [result])
  if (!can('directives:write')) return <NotAllowed />
  return (
    <section aria-labelledby="page-title" className="import-page">
      <h1 id="page-title" ref={headingRef} tabIndex={-1}>
        {result ? t('dir.reviewTitle') : t('dir.import')}
      </h1>
      <DirectivesTabs />
      {result ? (
        <OrgDirectoryProvider initial={result.orgs}>
          <ImportReview result={result} onRestart={() => setResult(null)} />
        </OrgDirectoryProvider>
      ) : (
        <ImportSource onParsed={setResult} />
      )}
    </section>
  )
}
