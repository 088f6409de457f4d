import { useT } from '../app/i18n.tsx'

/** A job's progress; `percent` null means the total is not known yet. */
export function ProgressBar({ percent, label, message }: { percent: number | null; label: string; message?: string | null }) {
  const t = useT()
  const value = percent === null ? null : Math.max(0, Math.min(100, Math.round(percent)))
  const text = value === null ? t('jobs.inProgress') : `${value}%`
  return (
    <div className="progress">
      <div
        className={value === null ? 'progress-track indeterminate' : 'progress-track'}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value ?? undefined}
        aria-valuetext={message ? `${text} — ${message}` : text}
      >
        <div className="progress-fill" style={{ width: value === null ? undefined : `${value}%` }} />
      </div>
      <span className="progress-text">
        {text}
        {message ? <span className="muted"> · {message}</span> : null}
      </span>
    </div>
  )
}
