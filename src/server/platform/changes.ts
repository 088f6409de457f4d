import pg from 'pg'

/**
 * Channels on which statement triggers announce committed changes (pg_notify: delivered at commit,
 * never for a transaction rolled back). Each names the tables a family of kept answers is read
 * from; the triggers are in the migrations (0032 for the directives, 0037 for the board).
 */
export const CHANGE_CHANNELS = [
  'phongdich_directives',
  'phongdich_units',
  'phongdich_cases',
  'phongdich_levels',
  'phongdich_quarantine',
  'phongdich_care',
  'phongdich_vaccination',
  'phongdich_entry',
] as const
export type ChangeChannel = (typeof CHANGE_CHANNELS)[number]

/**
 * Committed changes counted per channel. An answer computed after reading version V of its
 * channel is still true while the version is V: the count moves only once a change has committed.
 */
export interface ChangeFeed {
  /**
   * The channel's version, with every change committed before the call heard; null while changes
   * cannot be heard (then nothing may be reused).
   */
  version(channel: ChangeChannel): Promise<string | null>
  close(): Promise<void>
}

/**
 * The embedded engine: its pool's connections share one session, listening from the start. A
 * commit's notification reaches the connection that committed ahead of the commit's answer, so it
 * is counted before the commit returns.
 */
export async function sessionFeed(pool: pg.Pool): Promise<ChangeFeed> {
  const counts = new Map<string, number>()
  const hear = (msg: pg.Notification) => counts.set(msg.channel, (counts.get(msg.channel) ?? 0) + 1)
  const clients = new Set<pg.PoolClient>()
  const onConnect = (client: pg.PoolClient) => {
    clients.add(client)
    client.on('notification', hear)
  }
  pool.on('connect', onConnect)
  // LISTEN belongs to the session, not to the connection: one that replaces a broken one hears on.
  for (const channel of CHANGE_CHANNELS) await pool.query(`LISTEN ${channel}`)
  return {
    version: async (channel) => String(counts.get(channel) ?? 0),
    close: async () => {
      pool.off('connect', onConnect)
      for (const c of clients) c.off('notification', hear)
    },
  }
}

/**
 * A server: a connection of its own listens, opened at the first question. While it is not
 * listening (being opened, lost, reopening a second later) the version is null; each new
 * connection starts a new epoch, since changes may have committed unheard in between.
 *
 * A notification travels on its own, a little after the commit. Each question therefore makes a
 * round trip on the listening connection first: the server sends a session the notifications of
 * commits signalled before it read the query ahead of the query's reply, so every change committed
 * before the question is counted in its answer.
 */
export function serverFeed(connectionString: string): ChangeFeed {
  const counts = new Map<string, number>()
  let client: pg.Client | null = null
  let listening = false
  let epoch = 0
  let closed = false
  let retry: NodeJS.Timeout | null = null
  // One round trip at a time on the connection; those who ask while one is under way share the next.
  let running: Promise<boolean> | null = null
  let next: Promise<boolean> | null = null
  const roundTrip = (c: pg.Client): Promise<boolean> => {
    if (!running) {
      running = c.query('SELECT 1').then(
        () => true,
        () => false,
      )
      void running.then(() => {
        running = null
      })
      return running
    }
    next ??= running.then(() => {
      next = null
      return roundTrip(c)
    })
    return next
  }

  const connect = async () => {
    const c = new pg.Client({ connectionString })
    client = c
    const lost = () => {
      if (client !== c) return
      client = null
      listening = false
      epoch++
      c.end().catch(() => {})
      if (closed) return
      retry = setTimeout(() => {
        retry = null
        if (!closed) void connect()
      }, 1000)
      retry.unref()
    }
    c.on('error', lost)
    c.on('end', lost)
    c.on('notification', (n) => counts.set(n.channel, (counts.get(n.channel) ?? 0) + 1))
    try {
      await c.connect()
      for (const channel of CHANGE_CHANNELS) await c.query(`LISTEN ${channel}`)
      if (client === c) listening = true
    } catch {
      lost()
    }
  }

  return {
    async version(channel) {
      if (!client && !retry && !closed) void connect()
      const c = client
      if (!listening || !c) return null
      const at = epoch
      if (!(await roundTrip(c))) return null
      return listening && epoch === at ? `${epoch}:${counts.get(channel) ?? 0}` : null
    },
    async close() {
      closed = true
      if (retry) clearTimeout(retry)
      const c = client
      client = null
      listening = false
      await c?.end().catch(() => {})
    },
  }
}
