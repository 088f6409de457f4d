import { Link } from 'react-router'
import { type MessageKey, useT } from '../../app/i18n.tsx'
import { usePageTitle } from '../../app/useApi.ts'

/** A function of the mission without a screen yet: say so plainly, show nothing made up. */
export function NotBuiltPage({ label }: { label: MessageKey }) {
  const t = useT()
  usePageTitle(t(label))
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t(label)}</h1>
      <div className="alert alert-info" role="status">
        <p>{t('notBuilt.text')}</p>
      </div>
      <p>
        <Link to="/">{t('notBuilt.back')}</Link>
      </p>
    </section>
  )
}

export function NotFoundPage() {
  const t = useT()
  usePageTitle(t('notFound.title'))
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('notFound.title')}</h1>
      <p>{t('notFound.text')}</p>
      <p>
        <Link to="/">{t('notBuilt.back')}</Link>
      </p>
    </section>
  )
}
