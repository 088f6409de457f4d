import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react'
import { IDS_PER_REQUEST, orgsApi } from '../orgs/api.ts'

interface Org {
  id: number
  name: string
}

interface Directory {
  /** The registry name of a body: an ellipsis until it is known, the bare id when the registry lacks it. */
  nameOf: (id: number) => string
  /** Bodies created or picked on this screen are known at once. */
  remember: (org: Org) => void
  /** Asks for the names of bodies not known yet; what one render asks for goes in one request. */
  need: (ids: number[]) => void
}

const DirectoryContext = createContext<Directory | null>(null)

/**
 * The names of the bodies a document refers to, for the review and drafting screens: drafts and
 * proposals carry ids, and the reviewer must see names. `initial` names come with the proposal;
 * any other body is looked up by id when a chip first shows it.
 */
export function OrgDirectoryProvider({ initial, children }: { initial?: Org[]; children: ReactNode }) {
  const [names, setNames] = useState(() => new Map((initial ?? []).map((o) => [o.id, o.name])))
  const [missing, setMissing] = useState<ReadonlySet<number>>(new Set())
  const asked = useRef(new Set(names.keys()))
  const queue = useRef<number[]>([])
  const timer = useRef<number | null>(null)
  const controller = useRef<AbortController | null>(null)
  useEffect(() => {
    const c = new AbortController()
    controller.current = c
    return () => c.abort()
  }, [])

  const learn = useCallback((ids: number[], orgs: Org[]) => {
    setNames((m) => new Map([...m, ...orgs.map((o): [number, string] => [o.id, o.name])]))
    const found = new Set(orgs.map((o) => o.id))
    setMissing((s) => new Set([...s, ...ids.filter((id) => !found.has(id))]))
  }, [])

  const flush = useCallback(() => {
    timer.current = null
    const ids = queue.current
    queue.current = []
    const signal = controller.current?.signal
    for (let i = 0; i < ids.length; i += IDS_PER_REQUEST) {
      const chunk = ids.slice(i, i + IDS_PER_REQUEST)
      // A failed lookup shows the ids rather than an ellipsis that never resolves.
      orgsApi.byIds(chunk, signal).then(
        (orgs) => learn(chunk, orgs),
        () => {
          if (!signal?.aborted) learn(chunk, [])
        },
      )
    }
  }, [learn])

  const need = useCallback(
    (ids: number[]) => {
      const fresh = ids.filter((id) => !asked.current.has(id))
      if (fresh.length === 0) return
      for (const id of fresh) asked.current.add(id)
      queue.current.push(...fresh)
      timer.current ??= window.setTimeout(flush, 0)
    },
    [flush],
  )

  const remember = useCallback((org: Org) => {
    asked.current.add(org.id)
    setNames((m) => new Map(m).set(org.id, org.name))
  }, [])

  const value = useMemo<Directory>(
    () => ({ nameOf: (id) => names.get(id) ?? (missing.has(id) ? `#${id}` : '…'), remember, need }),
    [names, missing, remember, need],
  )
  return <DirectoryContext.Provider value={value}>{children}</DirectoryContext.Provider>
}

export function useOrgDirectory(): Directory {
  const ctx = useContext(DirectoryContext)
  if (!ctx) throw new Error('useOrgDirectory outside OrgDirectoryProvider')
  return ctx
}

/** The name to show for a body: the one already known, or the registry's, asked for when needed. */
export function useOrgName(id: number | null, known: string | null): string | null {
  const { nameOf, need } = useOrgDirectory()
  useEffect(() => {
    if (id && !known) need([id])
  }, [id, known, need])
  if (!id) return null
  return known ?? nameOf(id)
}
