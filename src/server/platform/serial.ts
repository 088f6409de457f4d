/**
 * Runs the calls sharing a key one after another, in arrival order, within this process: a check
 * followed by a write (read a counter, do slow work, record the outcome) cannot be raced by
 * requests arriving together.
 */
const tails = new Map<string, Promise<unknown>>()

export function oneAtATime<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve()
  const run = previous.then(fn, fn)
  const tail = run.then(
    () => undefined,
    () => undefined,
  )
  tails.set(key, tail)
  void tail.then(() => {
    if (tails.get(key) === tail) tails.delete(key)
  })
  return run
}
