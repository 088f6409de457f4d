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
  // The computation starts after a turn of the event loop: requests already waiting on their
  // sockets are read first and join it, instead of each of twenty starting its own.
  const p = new Promise<void>((resolve) => setImmediate(resolve)).then(compute).finally(() => map.delete(key))
  map.set(key, p)
  return p
}

interface Kept {
  position: string
  value: unknown
}
const keptAnswers = new WeakMap<object, Map<string, Kept>>()
/** Answers kept per database, the least recently used forgotten first. */
const KEPT_MAX = 100

/**
 * A read whose answer is reused until its position moves: the write-ahead log position (anything
 * written to the database) or the version of the change channels it is read from. The position is
 * read first (one cheap query), and an answer kept at the same position is the answer now. Identical reads in flight share one computation as with `coalesce`. For reads asked again
 * and again between writes (a dashboard many officials keep open). `db` scopes the answers: a
 * family of reads may keep its own `max` under a scope of its own.
 */
export function keptRead<T>(db: object, position: () => Promise<string | null>, key: string, compute: () => Promise<T>, max = KEPT_MAX): Promise<T> {
  return coalesce(db, `kept:${key}`, async () => {
    let kept = keptAnswers.get(db)
    if (!kept) {
      kept = new Map()
      keptAnswers.set(db, kept)
    }
    const at = await position()
    const hit = kept.get(key)
    if (at !== null && hit?.position === at) {
      kept.delete(key)
      kept.set(key, hit)
      return hit.value as T
    }
    const value = await compute()
    if (at !== null) {
      kept.delete(key)
      kept.set(key, { position: at, value })
      while (kept.size > max) kept.delete(kept.keys().next().value!)
    }
    return value
  })
}
