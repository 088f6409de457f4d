import nodemailer, { type Transporter } from 'nodemailer'
import { type Ctx, inTransaction } from '../../platform/context.ts'
import { unauthenticated } from '../../platform/errors.ts'
import * as repo from './repo.ts'

export interface NewNotification {
  userIds: number[]
  kind: string
  title: string
  body?: string
  link?: string
  /** The same key for the same user is delivered once (e.g. "late:<assignment>:<since>"). */
  dedupeKey: string
}

/** Where e-mail goes: configured from SMTP_URL; absent means in-app only. */
let mailer: { transport: Transporter; from: string; domain: string } | null = null

export function configureMail(smtpUrl: string | undefined, opts: { from?: string; domain?: string } = {}, transport?: Transporter): void {
  if (!smtpUrl && !transport) {
    mailer = null
    return
  }
  mailer = {
    transport: transport ?? nodemailer.createTransport(smtpUrl),
    from: opts.from ?? process.env.SMTP_FROM ?? 'phongdich <no-reply@localhost>',
    domain: opts.domain ?? process.env.MAIL_DOMAIN ?? 'localhost',
  }
}

/**
 * Records in-app notifications (once per user and key) and, when SMTP is configured, e-mails
 * them. Usernames are addresses when they contain "@"; otherwise username@MAIL_DOMAIN.
 */
export async function notify(ctx: Ctx, n: NewNotification): Promise<number> {
  const users = [...new Set(n.userIds)]
  const ids = await inTransaction(ctx, (tx) =>
    repo.insertNotifications(
      tx.db,
      users.map((userId) => ({ userId, kind: n.kind, title: n.title, body: n.body ?? null, link: n.link ?? null, dedupeKey: n.dedupeKey })),
    ),
  )
  if (mailer && ids.length) await sendEmails(ctx, ids)
  return ids.length
}

/**
 * Many notifications at once (e.g. the reminders of one sweep batch): one transaction, inserted
 * in chunks, each still delivered once per user and key.
 */
export async function notifyEach(ctx: Ctx, list: NewNotification[]): Promise<number> {
  const rows = list.flatMap((n) =>
    [...new Set(n.userIds)].map((userId) => ({ userId, kind: n.kind, title: n.title, body: n.body ?? null, link: n.link ?? null, dedupeKey: n.dedupeKey })),
  )
  if (rows.length === 0) return 0
  const ids = await inTransaction(ctx, async (tx) => {
    const out: number[] = []
    for (let i = 0; i < rows.length; i += 1000) out.push(...(await repo.insertNotifications(tx.db, rows.slice(i, i + 1000))))
    return out
  })
  if (mailer && ids.length) await sendEmails(ctx, ids)
  return ids.length
}

async function sendEmails(ctx: Ctx, ids: number[]): Promise<void> {
  if (!mailer) return
  const rows = await repo.pendingEmails(ctx.db, ids)
  const sent: number[] = []
  for (const r of rows) {
    const to = r.username.includes('@') ? r.username : `${r.username}@${mailer.domain}`
    try {
      await mailer.transport.sendMail({ from: mailer.from, to, subject: `[phongdich] ${r.title}`, text: [r.body ?? '', r.link ?? ''].filter(Boolean).join('\n\n') })
      sent.push(r.id)
    } catch {
      // A mail server outage must not stop the work that raised the notification; the in-app copy stands.
    }
  }
  await inTransaction(ctx, (tx) => repo.markEmailed(tx.db, sent, ctx.now()))
}

function userOf(ctx: Ctx): number {
  if (ctx.access.userId === null) throw unauthenticated()
  return ctx.access.userId
}

export async function myNotifications(ctx: Ctx, unreadOnly: boolean) {
  const userId = userOf(ctx)
  const [items, unread] = await Promise.all([repo.listForUser(ctx.db, userId, unreadOnly, 100), repo.countUnread(ctx.db, userId)])
  return { unread, items: items.map((i) => ({ ...i, createdAt: new Date(i.createdAt).toISOString(), readAt: i.readAt ? new Date(i.readAt).toISOString() : null })) }
}

export async function markNotificationsRead(ctx: Ctx, id: number | 'all'): Promise<number> {
  const userId = userOf(ctx)
  return inTransaction(ctx, (tx) => repo.markRead(tx.db, userId, id, ctx.now()))
}
