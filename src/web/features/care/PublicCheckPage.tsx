import { useState } from 'react'
import { useParams } from 'react-router'
import { useI18n } from '../../app/i18n.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { Loaded } from '../../ui/ErrorMessage.tsx'
import { FormShell } from '../../ui/FormShell.tsx'
import { careApi } from './api.ts'
import { CheckFields, type CheckDraft, checkBody, EMPTY_CHECK } from './HomePages.tsx'
import './care.css'

/**
 * The patient's daily-check form, opened from their personal link without signing in: their given
 * name, the day of isolation, the station to call, and the measurements to send. Made for phones.
 */
export function PublicCheckPage() {
  const { t } = useI18n()
  usePageTitle(t('care.link.title'))
  const { token = '' } = useParams()
  const [sent, setSent] = useState<{ warnings: string[]; message: string } | null>(null)
  const [version, setVersion] = useState(0)
  const info = useApi(`care:link:${version}`, (signal) => careApi.linkInfo(token, signal))
  const [v, setV] = useState<CheckDraft>(EMPTY_CHECK)
  return (
    <main className="care-public" aria-labelledby="page-title">
      <h1 id="page-title">{t('care.link.title')}</h1>
      <Loaded state={info}>
        {(i) => (
          <>
            <p>{t('care.link.hello', { name: i.firstName, day: i.dayOfIsolation })}</p>
            <p>
              {t('care.link.station', { name: i.stationName })}
              {i.stationPhone ? (
                <>
                  {' '}
                  · <a href={`tel:${i.stationPhone}`}>{i.stationPhone}</a>
                </>
              ) : null}
            </p>
            <p className="care-emergency">{t('care.link.emergency')}</p>
            {sent ? (
              <div role="status" className={sent.warnings.length ? 'care-refused' : 'care-ok'} data-testid="link-result">
                <p>{sent.message}</p>
                {sent.warnings.length ? (
                  <ul>
                    {sent.warnings.map((w) => (
                      <li key={w}>{w}</li>
                    ))}
                  </ul>
                ) : null}
                <button
                  type="button"
                  className="button-secondary"
                  onClick={() => {
                    setSent(null)
                    setV(EMPTY_CHECK)
                    setVersion((x) => x + 1)
                  }}
                >
                  {t('care.link.again')}
                </button>
              </div>
            ) : (
              <FormShell
                onSubmit={async () => {
                  const r = await careApi.linkCheck(token, checkBody(v))
                  setSent(r)
                }}
                submitLabel={t('care.link.submit')}
                aria-label={t('care.link.title')}
                className="form-grid care-public-form"
              >
                <CheckFields v={v} set={setV} compact />
              </FormShell>
            )}
            {i.checksToday > 0 && !sent ? <p>{t('care.link.today', { n: i.checksToday })}</p> : null}
          </>
        )}
      </Loaded>
    </main>
  )
}
