import { type Kysely, sql } from 'kysely'
import { type Access, likeContains, likePrefix } from '../../platform/context.ts'
import type { DB } from '../../platform/schema.ts'

export interface AuditFilter {
  actor?: string | undefined
  entity?: string | undefined
  entityId?: string | undefined
  action?: string | undefined
  from?: Date | undefined
  to?: Date | undefined
  limit: number
  offset: number
}

/** Columns of users a login writes; an update touching nothing else is not shown. */
const LOGIN_BOOKKEEPING = "ARRAY['last_login_at', 'updated_at', 'name_sort']"

/** The row an entry is about, or the row it was before a delete. */
const IMG = sql`COALESCE(a.after, a.before)`
const id = (field: string) => sql`NULLIF(${IMG}->>${field}, '')::bigint`
/** A directive as people name it: its number and symbol, or the start of its summary. */
const directiveLabel = (idExpr: ReturnType<typeof sql>) =>
  sql`(SELECT COALESCE(d.symbol, left(d.summary, 80)) FROM directives d WHERE d.id = ${idExpr})`
const taskLabel = (taskId: ReturnType<typeof sql>) =>
  sql`(SELECT COALESCE(d.symbol, left(d.summary, 80)) || ', nhiệm vụ ' || t.ref FROM directive_tasks t JOIN directives d ON d.id = t.directive_id WHERE t.id = ${taskId})`
const assignmentLabel = (assignmentId: ReturnType<typeof sql>) =>
  sql`(SELECT concat_ws(' — ', o.name, ${taskLabel(sql`ta.task_id`)}) FROM task_assignments ta JOIN orgs o ON o.id = ta.org_id WHERE ta.id = ${assignmentId})`
/** The audited row's id as a number when it is one, so the lookups below use the primary key. */
const entityBigint = sql`CASE WHEN a.entity_id ~ '^[0-9]{1,18}$' THEN a.entity_id::bigint END`
const unitName = (unitId: ReturnType<typeof sql>) => sql`(SELECT u.name FROM units u WHERE u.id = ${unitId})`
const orgName = (orgId: ReturnType<typeof sql>) => sql`(SELECT o.name FROM orgs o WHERE o.id = ${orgId})`

/**
 * What an entry is about, in words: the directive's number and symbol, the body's or person's
 * name, the user's name… (from the recorded image, or the row as it is now for what the image
 * only refers to). Null when the entry names nothing more than its kind.
 */
const SUBJECT = sql<string | null>`NULLIF(left(CASE a.entity
  WHEN 'directives' THEN COALESCE(${IMG}->>'symbol', left(${IMG}->>'summary', 80))
  WHEN 'directive_tasks' THEN concat_ws(', nhiệm vụ ', ${directiveLabel(id('directive_id'))}, ${IMG}->>'ref')
  WHEN 'directive_references' THEN concat_ws(': ', ${directiveLabel(id('directive_id'))}, ${IMG}->>'text')
  WHEN 'directive_files' THEN concat_ws(': ', ${directiveLabel(id('directive_id'))}, ${IMG}->>'file_name')
  WHEN 'task_assignments' THEN COALESCE(concat_ws(' — ', ${orgName(id('org_id'))}, ${taskLabel(id('task_id'))}), ${IMG}->>'name_as_written')
  WHEN 'task_reports' THEN ${assignmentLabel(id('assignment_id'))}
  WHEN 'task_report_files' THEN ${IMG}->>'file_name'
  WHEN 'users' THEN COALESCE(${IMG}->>'display_name' || ' (' || (${IMG}->>'username') || ')',
    (SELECT u.display_name || ' (' || u.username || ')' FROM users u WHERE u.id = ${entityBigint}))
  WHEN 'people' THEN COALESCE(${IMG}->>'full_name', (SELECT p.full_name FROM people p WHERE p.id = ${entityBigint}))
  WHEN 'units' THEN concat(${IMG}->>'name', ' (' || (${IMG}->>'code') || ')')
  WHEN 'unit_populations' THEN concat_ws(', năm ', ${unitName(sql`${IMG}->>'unit_id'`)}, ${IMG}->>'year')
  WHEN 'unit_boundaries' THEN ${unitName(sql`${IMG}->>'unit_id'`)}
  WHEN 'unit_links' THEN concat_ws(' → ', ${unitName(sql`${IMG}->>'old_id'`)}, ${unitName(sql`${IMG}->>'new_id'`)})
  WHEN 'orgs' THEN ${IMG}->>'name'
  WHEN 'org_groups' THEN ${IMG}->>'name'
  WHEN 'org_successors' THEN concat_ws(' → ', ${orgName(id('org_id'))}, ${orgName(id('successor_id'))})
  WHEN 'jobs' THEN ${IMG}->>'title'
  WHEN 'notifications' THEN ${IMG}->>'title'
  WHEN 'settings' THEN ${IMG}->>'key'
  WHEN 'uploads' THEN ${IMG}->>'fileName'
  WHEN 'directive_source' THEN COALESCE(${IMG}->>'symbol', ${IMG}->>'fileName')
  WHEN 'database' THEN a.entity_id
  WHEN 'reference' THEN a.entity_id
  ELSE NULL END, 200), '')`

export function searchAudit(db: Kysely<DB>, access: Access, f: AuditFilter) {
  let q = db
    .selectFrom('auditLog as a')
    .leftJoin('users as actor', 'actor.id', 'a.actorId')
    .select(['a.id', 'a.at', 'a.actorId', 'a.actorName', 'a.action', 'a.entity', 'a.entityId', 'a.unitPath', 'a.before', 'a.after', 'a.requestId'])
    .select(['actor.displayName as actorDisplayName', SUBJECT.as('subject')])
    // A login also writes the user's last_login_at: that update is the login, already shown as one.
    .where(
      sql<boolean>`NOT COALESCE(a.entity = 'users' AND a.action = 'update'
        AND (a.before - ${sql.raw(LOGIN_BOOKKEEPING)}) = (a.after - ${sql.raw(LOGIN_BOOKKEEPING)}), false)`,
    )
  // Below the root, an entry is shown when it is about a place in the caller's jurisdiction, or
  // has no place and was made by someone of that jurisdiction (their logins, their reads).
  if (access.unitPath !== '/') {
    const prefix = likePrefix(access.unitPath)
    q = q.where((eb) =>
      eb.or([
        eb('a.unitPath', 'like', prefix),
        eb.and([
          eb('a.unitPath', 'is', null),
          eb(
            'a.actorId',
            'in',
            eb.selectFrom('users as u').innerJoin('units as un', 'un.id', 'u.unitId').select('u.id').where('un.path', 'like', prefix),
          ),
        ]),
      ]),
    )
  }
  if (f.actor) q = q.where('a.actorName', 'ilike', likeContains(f.actor))
  if (f.entity) q = q.where('a.entity', '=', f.entity)
  if (f.entityId) q = q.where('a.entityId', '=', f.entityId)
  if (f.action) q = q.where('a.action', '=', f.action)
  if (f.from) q = q.where('a.at', '>=', f.from)
  if (f.to) q = q.where('a.at', '<', f.to)
  return q.orderBy('a.id', 'desc').limit(f.limit).offset(f.offset).execute()
}

export async function maxAuditId(db: Kysely<DB>): Promise<number> {
  const r = await db.selectFrom('auditLog').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst()
  return Number(r?.m ?? 0)
}
