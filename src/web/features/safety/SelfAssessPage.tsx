import { useMemo, useState } from 'react'
import { Link, useParams } from 'react-router'
import { uploadProblem } from '../../../domain/files/limits.ts'
import { BANDS, type Checklist } from '../../../domain/safety/checklist.ts'
import { PUBLIC_FORM_LIMITS } from '../../../domain/safety/limits.ts'
import { score } from '../../../domain/safety/score.ts'
import { isoToVn } from '../../app/format.ts'
import { useI18n } from '../../app/i18n.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { ErrorMessage, Loaded } from '../../ui/ErrorMessage.tsx'
import { type ResultView, safetyApi } from './api.ts'
import './safety.css'

/** The band chip: the band's name on its colour. */
export function BandChip({ band, expired }: { band: string | null; expired?: boolean }) {
  const { t } = useI18n()
  const info = band ? BANDS[band as keyof typeof BANDS] : null
  if (!info) return <span className="safety-band" data-level="0">{t('safety.band.none')}</span>
  return (
    <span className="safety-band" data-level={expired ? 0 : info.level} data-band={band}>
      {info.vi}
      {expired ? ` (${t('safety.expired')})` : ''}
    </span>
  )
}

/**
 * The self-assessment a facility fills from its link or QR code, on a phone: the checklist with
 * the score as it is filled (the same function the server scores with), the contact verified by a
 * one-time code, photos as proof, then the result.
 */
export function SelfAssessPage() {
  const { t } = useI18n()
  usePageTitle(t('safety.form.title'))
  const { token = '' } = useParams()
  const form = useApi(`safety:form:${token}`, (signal) => safetyApi.form(token, signal))
  const [answers, setAnswers] = useState<Record<string, string>>({})
  const [contact, setContact] = useState('')
  const [codeSentTo, setCodeSentTo] = useState<string | null>(null)
  const [code, setCode] = useState('')
  const [proof, setProof] = useState<string | null>(null)
  const [name, setName] = useState('')
  const [photos, setPhotos] = useState<{ id: number; fileName: string }[]>([])
  const [error, setError] = useState<unknown>(null)
  const [pending, setPending] = useState(false)
  const [result, setResult] = useState<ResultView | null>(null)

  const act = async (fn: () => Promise<void>) => {
    setError(null)
    setPending(true)
    try {
      await fn()
    } catch (e) {
      setError(e)
    } finally {
      setPending(false)
    }
  }

  return (
    <main className="safety-form" aria-labelledby="page-title">
      <h1 id="page-title">{t('safety.form.title')}</h1>
      <Loaded state={form}>
        {(f) => {
          const checklist = f.checklist as unknown as Checklist
          return result ? (
            <section role="status" data-testid="safety-result">
              <h2>{f.facility.name}</h2>
              <p>
                <BandChip band={result.band} /> {t('safety.result.points', { points: result.points, max: result.max, percent: result.percent })}
              </p>
              <p>{t('safety.result.validUntil', { date: isoToVn(result.validUntil) })}</p>
              {result.critical.length ? (
                <ul className="safety-critical">
                  {result.critical.map((c) => (
                    <li key={c.item}>{t('safety.criticalFailed', { text: c.text })}</li>
                  ))}
                </ul>
              ) : null}
              <p>
                <Link to={`/cong-khai/an-toan/co-so/${f.facility.id}`}>{t('safety.result.public')}</Link>
              </p>
            </section>
          ) : (
            <>
              <p>
                <strong data-testid="safety-facility">{f.facility.name}</strong> · {f.facility.kindLabel} · {f.facility.unitName}
              </p>
              {f.current ? (
                <p>
                  {t('safety.form.current')} <BandChip band={f.current.band} /> {f.current.validUntil ? t('safety.result.validUntil', { date: isoToVn(f.current.validUntil) }) : ''}
                </p>
              ) : null}
              <p className="safety-source">
                {checklist.name} · {t('safety.version', { v: checklist.version })} · {checklist.source.document}
              </p>
              <LiveScore checklist={checklist} answers={answers} />
              {checklist.items.map((item, n) => (
                <fieldset key={item.id} data-item={item.id}>
                  <legend>
                    {n + 1}. {item.text} {item.critical ? <span className="safety-critical">({t('safety.critical')})</span> : null}
                  </legend>
                  {item.options.map((o) => (
                    <label key={o.id} className="safety-option">
                      <input type="radio" name={item.id} value={o.id} checked={answers[item.id] === o.id} onChange={() => setAnswers((a) => ({ ...a, [item.id]: o.id }))} />
                      <span>{o.label}</span>
                    </label>
                  ))}
                </fieldset>
              ))}
              <fieldset>
                <legend>{t('safety.form.contact')}</legend>
                <p className="safety-source">{t('safety.form.contactHint')}</p>
                <label>
                  {t('safety.form.contactLabel')}
                  <input type="text" inputMode="tel" autoComplete="tel" value={contact} onChange={(e) => setContact(e.target.value)} disabled={proof !== null} name="contact" />
                </label>
                {proof ? (
                  <p role="status" data-testid="safety-verified">
                    {t('safety.form.verified')}
                  </p>
                ) : (
                  <>
                    <button type="button" className="button-secondary" disabled={pending || contact.trim().length < 6} onClick={() => act(async () => setCodeSentTo((await safetyApi.sendCode(token, contact)).to))}>
                      {t('safety.form.sendCode')}
                    </button>
                    {codeSentTo ? (
                      <>
                        <p role="status">{t('safety.form.codeSent', { to: codeSentTo, minutes: PUBLIC_FORM_LIMITS.codeMinutes })}</p>
                        <label>
                          {t('safety.form.code')}
                          <input type="text" inputMode="numeric" autoComplete="one-time-code" maxLength={6} value={code} onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))} name="code" />
                        </label>
                        <button type="button" disabled={pending || code.length !== 6} onClick={() => act(async () => setProof((await safetyApi.verify(token, contact, code)).proof))}>
                          {t('safety.form.verify')}
                        </button>
                      </>
                    ) : null}
                  </>
                )}
              </fieldset>
              {proof ? (
                <fieldset>
                  <legend>{t('safety.form.photos')}</legend>
                  <input
                    type="file"
                    accept={PUBLIC_FORM_LIMITS.photoExtensions.join(',')}
                    multiple
                    disabled={pending || photos.length >= PUBLIC_FORM_LIMITS.photos}
                    onChange={(e) => {
                      const files = [...(e.target.files ?? [])].slice(0, PUBLIC_FORM_LIMITS.photos - photos.length)
                      e.target.value = ''
                      void act(async () => {
                        for (const file of files) {
                          const problem = file.size > PUBLIC_FORM_LIMITS.photoMaxBytes ? t('safety.form.photoTooLarge', { name: file.name }) : uploadProblem('attachment', file.name, file.size)
                          if (problem) throw new Error(problem)
                          const saved = await safetyApi.photo(token, proof, file)
                          setPhotos((p) => [...p, saved])
                        }
                      })
                    }}
                  />
                  <ul>
                    {photos.map((p) => (
                      <li key={p.id}>{p.fileName}</li>
                    ))}
                  </ul>
                  <label>
                    {t('safety.form.name')}
                    <input type="text" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} maxLength={200} name="contactName" />
                  </label>
                </fieldset>
              ) : null}
              {error ? <ErrorMessage error={error} /> : null}
              <button
                type="button"
                data-testid="safety-submit"
                disabled={pending || !proof || checklist.items.some((i) => !answers[i.id])}
                onClick={() =>
                  act(async () =>
                    setResult(await safetyApi.submit(token, { proof: proof!, contactName: name.trim() || null, answers, photoIds: photos.map((p) => p.id) })),
                  )
                }
              >
                {t('safety.form.submit')}
              </button>
            </>
          )
        }}
      </Loaded>
    </main>
  )
}

function LiveScore({ checklist, answers }: { checklist: Checklist; answers: Record<string, string> }) {
  const { t } = useI18n()
  const s = useMemo(() => score(checklist, answers, { allowMissing: true }), [checklist, answers])
  return (
    <div className="safety-score" aria-live="polite" data-testid="safety-live-score">
      {t('safety.result.points', { points: s.points, max: s.max, percent: s.percent })}{' '}
      {s.band ? <BandChip band={s.band} /> : <span>{t('safety.form.missing', { n: s.missing.length })}</span>}
      {s.critical.length ? <div className="safety-critical">{t('safety.form.criticalCount', { n: s.critical.length })}</div> : null}
    </div>
  )
}
