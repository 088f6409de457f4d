import { addDays, formatISO, parseISO } from 'date-fns'

/**
 * Clusters (ổ dịch, chùm ca bệnh). A cluster stays active while new cases keep coming; it closes
 * when `cluster_close_days` (the surveillance rule in force: 28 days by default, two incubation
 * periods) have passed without a new case, counted from its last case or, before any case, from
 * the day it was opened. `closeDueSql` in the areas context says the same in SQL; keep them together.
 */

export type ClusterStatus = 'active' | 'closed'

export const CLUSTER_STATUSES: Record<ClusterStatus, { vi: string; en: string }> = {
  active: { vi: 'Đang hoạt động', en: 'Active' },
  closed: { vi: 'Đã kết thúc', en: 'Closed' },
}

const iso = (d: Date) => formatISO(d, { representation: 'date' })

/** The day the quiet period starts: the last case's day, or the opening day when later (or when no case). */
export function quietSince(openedOn: string, lastCaseOn: string | null): string {
  return lastCaseOn !== null && lastCaseOn > openedOn ? lastCaseOn : openedOn
}

/** The day a cluster closes when no new case comes: `closeDays` after its quiet period started. */
export function clusterClosesOn(openedOn: string, lastCaseOn: string | null, closeDays: number): string {
  if (!Number.isInteger(closeDays) || closeDays < 1) throw new RangeError(`closeDays must be a positive integer: ${closeDays}`)
  return iso(addDays(parseISO(quietSince(openedOn, lastCaseOn)), closeDays))
}

/**
 * The status a cluster should have on `today` by the rule, and the day it closed when closed.
 * Attaching a case whose day is recent therefore reopens a closed cluster, and a case from long
 * ago does not (it is not a new case).
 */
export function clusterStateOn(
  c: { openedOn: string; lastCaseOn: string | null; closeDays: number },
  today: string,
): { status: ClusterStatus; closedOn: string | null; closesOn: string } {
  const closesOn = clusterClosesOn(c.openedOn, c.lastCaseOn, c.closeDays)
  return closesOn <= today ? { status: 'closed', closedOn: closesOn, closesOn } : { status: 'active', closedOn: null, closesOn }
}
