import { Link } from 'react-router'

interface Action {
  to: string
  label: string
}

/** A list page's title, with the links that start something new; the first is the main one. */
export function PageHead({ title, actions = [] }: { title: string; actions?: Action[] }) {
  return (
    <div className="page-head">
      <h1 id="page-title">{title}</h1>
      {actions.length ? (
        <div className="button-row page-actions">
          {actions.map((a, i) => (
            <Link key={a.to} className={i === 0 ? 'button-primary' : 'button-secondary'} to={a.to}>
              {a.label}
            </Link>
          ))}
        </div>
      ) : null}
    </div>
  )
}
