/**
 * Identical reads in flight at the same moment share one computation: twenty officials opening
 * the dashboard together cost one set of queries, not twenty. Nothing is kept once the
 * computation ends, so an answer is never older than the request that asked for it.
 */
const inFlight = new WeakMap<object, Map<string, Promise<unknown>>>()

export function coalesce<T>(scope: object, key: string, compute: () => Promise<T>): Promise<T> {
  let running = inFlight.get(scope)
  if (!running) {
    running = new Map()
    inFlight.set(scope, running)
  }
  const existing = running.get(key)
  if (existing) return existing as Promise<T>
  const map = running
  const p = compute().finally(() => map.delete(key))
  map.set(key, p)
  return p
}
