import { useCallback, useEffect, useRef, useState } from 'react'

export interface ApiState<T> {
  data: T | undefined
  error: unknown
  loading: boolean
  reload: () => void
}

/**
 * Loads data for a screen. `key` names what is loaded: a new key reloads, `null` loads nothing.
 * A newer load aborts the older one, so a slow answer never overwrites a fresher one.
 */
export function useApi<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>): ApiState<T> {
  const loadRef = useRef(load)
  loadRef.current = load
  const [version, setVersion] = useState(0)
  const [state, setState] = useState<{ key: string | null; data: T | undefined; error: unknown; loading: boolean }>({
    key,
    data: undefined,
    error: null,
    loading: key !== null,
  })

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new `version` (from reload) must load again.
  useEffect(() => {
    if (key === null) {
      setState({ key, data: undefined, error: null, loading: false })
      return
    }
    const controller = new AbortController()
    setState((s) => ({ key, data: s.key === key ? s.data : undefined, error: null, loading: true }))
    loadRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ key, data, error: null, loading: false })
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ key, data: undefined, error, loading: false })
      },
    )
    return () => controller.abort()
  }, [key, version])

  const reload = useCallback(() => setVersion((v) => v + 1), [])
  const current = state.key === key
  return { data: current ? state.data : undefined, error: current ? state.error : null, loading: current ? state.loading : key !== null, reload }
}

/** Calls `tick` now and every `ms` while `active`. */
export function usePolling(active: boolean, ms: number, tick: () => void): void {
  const tickRef = useRef(tick)
  tickRef.current = tick
  useEffect(() => {
    if (!active) return
    tickRef.current()
    const id = window.setInterval(() => tickRef.current(), ms)
    return () => window.clearInterval(id)
  }, [active, ms])
}

export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} — phongdich` : 'phongdich'
  }, [title])
}
