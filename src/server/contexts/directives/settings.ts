import { DEFAULT_NUMBERING, type NumberingRules } from '../../../domain/directives/numbering.ts'
import { type Ctx, inTransaction, requirePermission } from '../../platform/context.ts'

const KEY = 'directives.numbering'

/** How documents issued here are numbered; stored in settings, defaulting to the usual rules. */
export async function numberingRules(ctx: Ctx): Promise<NumberingRules> {
  const row = await ctx.db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst()
  return row ? { ...DEFAULT_NUMBERING, ...(row.value as Partial<NumberingRules>) } : DEFAULT_NUMBERING
}

export async function setNumberingRules(ctx: Ctx, rules: NumberingRules): Promise<NumberingRules> {
  requirePermission(ctx.access, 'directives:write')
  await inTransaction(ctx, (tx) =>
    tx.db
      .insertInto('settings')
      .values({ key: KEY, value: JSON.stringify(rules) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(rules) }))
      .execute(),
  )
  return rules
}
