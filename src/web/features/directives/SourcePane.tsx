import { createContext, Fragment, type ReactNode, useContext, useEffect, useMemo, useRef, useState } from 'react'
import type { Span } from '../../../domain/documents/types.ts'
import { useT } from '../../app/i18n.tsx'
import { type SourceRun, sourceRuns } from './sourceMarkdown.ts'

export interface SpanPointer {
  /** The field with the keyboard focus. */
  focus: (span: Span) => void
  /** The field under the mouse, or null when the mouse leaves it (the focused field's text comes back). */
  hover: (span: Span | null) => void
}

/** Lets any field of the review form point at the text it was read from. */
const SpanContext = createContext<SpanPointer | null>(null)

export const SpanProvider = SpanContext.Provider

/** The span to show: whichever of focus and pointer moved last; leaving a field returns to the focused one. */
export function useSpanPointer(): [Span | null, SpanPointer] {
  const [active, setActive] = useState<Span | null>(null)
  const focused = useRef<Span | null>(null)
  const pointer = useMemo<SpanPointer>(
    () => ({
      focus: (span) => {
        focused.current = span
        setActive(span)
      },
      hover: (span) => setActive(span ?? focused.current),
    }),
    [],
  )
  return [active, pointer]
}

/**
 * Wraps a field: focusing it (keyboard) or hovering it (mouse) highlights its source text.
 * Without a source (composing a new document) it renders the field alone.
 */
export function SpanZone({ span, children, className }: { span: Span | null | undefined; children: ReactNode; className?: string }) {
  const pointer = useContext(SpanContext)
  if (!pointer || !span) return <div className={className}>{children}</div>
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the handlers only follow focus and pointer into the field inside; the field itself is the control.
    <div
      className={className ? `${className} span-zone` : 'span-zone'}
      onFocus={() => pointer.focus(span)}
      onMouseEnter={() => pointer.hover(span)}
      onMouseLeave={() => pointer.hover(null)}
    >
      {children}
    </div>
  )
}

/** The text of [from, to) with emphasis and headings shown and their markdown marks left out. */
function shownRange(text: string, runs: SourceRun[], from: number, to: number): ReactNode[] {
  return runs
    .filter((r) => !r.syntax && r.to > from && r.from < to)
    .map((r) => {
      const a = Math.max(r.from, from)
      let node: ReactNode = text.slice(a, Math.min(r.to, to))
      if (r.em) node = <em>{node}</em>
      if (r.strong) node = <strong>{node}</strong>
      if (r.heading) node = <span className="source-heading">{node}</span>
      return <Fragment key={a}>{node}</Fragment>
    })
}

/**
 * The document as read, line breaks kept, with the active field's source marked and scrolled to.
 * Markdown emphasis and headings are shown as such; spans keep pointing into the text as pasted.
 */
export function SourcePane({ text, active }: { text: string; active: Span | null }) {
  const t = useT()
  const paneRef = useRef<HTMLDivElement>(null)
  const markRef = useRef<HTMLElement>(null)
  const valid = active && active[0] >= 0 && active[1] <= text.length && active[0] < active[1] ? active : null
  const runs = useMemo(() => sourceRuns(text), [text])

  useEffect(() => {
    const pane = paneRef.current
    const mark = markRef.current
    if (!pane || !mark || !valid) return
    // Scroll the pane only, not the page: the field being edited must stay where it is.
    const top = mark.offsetTop - pane.clientHeight / 3
    pane.scrollTo({ top: Math.max(0, top), behavior: 'auto' })
  }, [valid])

  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard to be scrolled.
    <div className="source-pane" ref={paneRef} tabIndex={0} role="region" aria-label={t('dir.source')} data-testid="source-pane">
      <pre className="source-text">
        {valid ? (
          <>
            {shownRange(text, runs, 0, valid[0])}
            <mark ref={markRef}>{shownRange(text, runs, valid[0], valid[1])}</mark>
            {shownRange(text, runs, valid[1], text.length)}
          </>
        ) : (
          shownRange(text, runs, 0, text.length)
        )}
      </pre>
    </div>
  )
}
