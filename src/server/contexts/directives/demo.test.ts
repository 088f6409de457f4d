import { beforeAll, describe, expect, it } from 'vitest'
import { fold } from '../../../domain/text/fold.ts'
import { testApp } from '../../../test/harness.ts'
import { seedDemo } from '../../demo/seed.ts'

// The demo province on a private database: its directives are signed by the people the orgs
// registry (data/demo/orgs-91.json) names in the signing positions.
const t = await testApp()

beforeAll(async () => {
  await seedDemo({ ctx: t.ctx, progress: async () => {} })
}, 120_000)

describe('demo directives', () => {
  it('are signed by the person the orgs registry names in the signing position', async () => {
    const orgs = await t.ctx.db.selectFrom('orgs').select(['id', 'parentId', 'name', 'aliases', 'headName', 'headPosition']).execute()
    const byId = new Map(orgs.map((o) => [o.id, o]))
    const directives = await t.ctx.db.selectFrom('directives').select(['symbol', 'issuerOrgId', 'signing']).execute()
    expect(directives.length).toBeGreaterThan(0)
    for (const d of directives) {
      const { position, signer } = d.signing as { position: string; signer: string }
      expect(signer, d.symbol ?? '').not.toBe('')
      // Every role the registry gives the signer: "Trưởng Ban … (Phó Chủ tịch UBND tỉnh)" holds two.
      const roles = orgs.filter((o) => o.headName === signer).flatMap((o) => (o.headPosition ?? '').split(/[()]/u).map((r) => fold(r.trim())))
      // The role is the position in the issuer or in the committee it belongs to: "Bí thư Tỉnh ủy" for
      // the Ban Thường vụ, "Phó Chủ tịch UBND tỉnh" for the Ủy ban nhân dân tỉnh.
      const issuer = byId.get(d.issuerOrgId!)!
      const parent = issuer.parentId === null ? undefined : byId.get(issuer.parentId)
      const names = [issuer, ...(parent ? [parent] : [])].flatMap((o) => [o.name, ...o.aliases])
      const expected = names.map((n) => fold(`${position} ${n}`))
      expect(roles.filter((r) => expected.includes(r)), `${d.symbol}: ${position} ${signer}`).not.toEqual([])
    }
  })
})
