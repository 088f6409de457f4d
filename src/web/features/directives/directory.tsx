import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react'
import { type OrgView, orgsApi } from '../orgs/api.ts'

const PAGE = 500

interface Directory {
  ready: boolean
  /** The registry name of a body; an ellipsis while the registry loads, the bare id if it is not there. */
  nameOf: (id: number) => string
  /** Bodies created or picked on this screen are known at once, without reloading the registry. */
  remember: (org: { id: number; name: string }) => void
}

const DirectoryContext = createContext<Directory | null>(null)

async function loadAll(signal: AbortSignal): Promise<OrgView[]> {
  const all: OrgView[] = []
  for (let offset = 0; ; offset += PAGE) {
    const page = await orgsApi.listPage({ limit: PAGE, offset }, signal)
    all.push(...page)
    if (page.length < PAGE) return all
  }
}

/**
 * The names of the registry's bodies, for the review screens: the parser answers with ids (and
 * groups with many member ids), and the reviewer must see names.
 */
export function OrgDirectoryProvider({ children }: { children: ReactNode }) {
  const [names, setNames] = useState<Map<number, string>>(new Map())
  const [ready, setReady] = useState(false)
  useEffect(() => {
    const controller = new AbortController()
    loadAll(controller.signal).then(
      (orgs) => {
        setNames((known) => new Map([...orgs.map((o): [number, string] => [o.id, o.name]), ...known]))
        setReady(true)
      },
      () => setReady(true),
    )
    return () => controller.abort()
  }, [])
  const remember = useCallback((org: { id: number; name: string }) => setNames((m) => new Map(m).set(org.id, org.name)), [])
  const value = useMemo<Directory>(() => ({ ready, nameOf: (id) => names.get(id) ?? (ready ? `#${id}` : '…'), remember }), [names, ready, remember])
  return <DirectoryContext.Provider value={value}>{children}</DirectoryContext.Provider>
}

export function useOrgDirectory(): Directory {
  const ctx = useContext(DirectoryContext)
  if (!ctx) throw new Error('useOrgDirectory outside OrgDirectoryProvider')
  return ctx
}
