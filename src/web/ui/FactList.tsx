import { Fragment, type ReactNode } from 'react'

export interface Fact {
  label: string
  value: ReactNode
  /** For the browser journeys that read one value. */
  testId?: string
  className?: string
}

/** The label and value pairs of a record; facts given as null or false are left out. */
export function FactList({ facts, compact }: { facts: (Fact | null | false)[]; compact?: boolean }) {
  return (
    <dl className={compact ? 'facts compact' : 'facts'}>
      {facts.map((f) =>
        f ? (
          <Fragment key={f.label}>
            <dt>{f.label}</dt>
            <dd className={f.className} data-testid={f.testId}>
              {f.value}
            </dd>
          </Fragment>
        ) : null,
      )}
    </dl>
  )
}
