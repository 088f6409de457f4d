import type { DirectiveForRender } from '../../../domain/documents/render-types.ts'
import type { DocumentType, SigningAuthority } from '../../../domain/documents/types.ts'
import type { Ctx } from '../../platform/context.ts'
import { getUnit } from '../units/service.ts'
import type { getDirective } from './read.ts'

type Directive = Awaited<ReturnType<typeof getDirective>>

const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n|\r?\n(?=\s*(?:\d+(?:\.\d+)*\.|[a-zđ]\)|[IVX]+\.|-)\s)/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean)

/** Lays a stored directive out for the official Word document. */
export async function directiveForRender(ctx: Ctx, d: Directive, provinceCode: string): Promise<DirectiveForRender> {
  const province = await getUnit(ctx, provinceCode)
  const provinceName = province.name.toUpperCase()
  const stripped = d.issuerName.toUpperCase().replace(new RegExp(`\\s*(TỈNH\\s+)?${provinceName}$`), '').trim()
  // The People's Committee is named with its province on two lines; other bodies sit under a parent line.
  const isCommittee = /^(ỦY BAN NHÂN DÂN|UBND)$/.test(stripped)
  const issuer = isCommittee ? `ỦY BAN NHÂN DÂN\nTỈNH ${provinceName}` : stripped
  const body = d.status === 'imported' ? paragraphs(d.body) : [...paragraphs(d.body), ...d.tasks.map((t) => `${t.ref}. ${t.text}`)]
  return {
    system: d.system,
    issuerParent: d.system === 'party' ? `ĐẢNG BỘ TỈNH ${provinceName}` : isCommittee ? null : `UBND TỈNH ${provinceName}`,
    issuer: issuer || d.issuerName.toUpperCase(),
    type: d.type as DocumentType,
    symbol: d.symbol ?? '      /',
    place: d.place ?? province.name,
    date: d.date ?? new Date(ctx.now()).toISOString().slice(0, 10),
    urgency: (d.urgency as DirectiveForRender['urgency']) ?? null,
    secrecy: (d.secrecy as DirectiveForRender['secrecy']) ?? null,
    summary: d.summary,
    addressees: d.addressees.map((a) => a.text),
    body,
    recipients: d.recipients.map((r) => r.text),
    signing: {
      authority: (d.signing.authority as SigningAuthority | null) ?? null,
      actingFor: d.signing.actingFor ?? (d.system === 'party' ? 'BAN THƯỜNG VỤ' : null),
      position: d.signing.position ?? '',
      signer: d.signing.signer ?? '',
    },
  }
}
