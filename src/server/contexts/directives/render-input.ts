import type { DirectiveForRender } from '../../../domain/documents/render-types.ts'
import type { DocumentType, SigningAuthority } from '../../../domain/documents/types.ts'
import type { Ctx } from '../../platform/context.ts'
import { bodyAsIssued, provinceNames } from '../orgs/history.ts'
import { getUnit } from '../units/service.ts'
import type { getDirective } from './read.ts'

type Directive = Awaited<ReturnType<typeof getDirective>>

const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n|\r?\n(?=\s*(?:\d+(?:\.\d+)*\.|[a-zđ]\)|[IVX]+\.|-)\s)/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean)

/**
 * The "Nơi nhận" lines of an imported document as written in its text ("- Như trên,", "- Lưu VP."):
 * the stored recipients expand "Như trên" and leave out the filing entry.
 */
export function recipientLinesAsWritten(sourceText: string | null): string[] | null {
  if (!sourceText) return null
  const lines = sourceText.split(/\r?\n/).map((l) => l.replace(/\*\*/g, '').trim())
  const at = lines.findIndex((l) => /^n[ơo]i\s+nh[ậa]n\s*:?/iu.test(l))
  if (at < 0) return null
  const first = lines[at]!.replace(/^n[ơo]i\s+nh[ậa]n\s*:?\s*/iu, '')
  const out: string[] = []
  for (const l of [first, ...lines.slice(at + 1)]) {
    if (l === '') continue
    if (!/^[-–+•]/u.test(l)) break
    out.push(l)
  }
  return out.length ? out : null
}

/** Lays a stored directive out for the official Word document. */
export async function directiveForRender(ctx: Ctx, d: Directive, provinceCode: string): Promise<DirectiveForRender> {
  const province = await getUnit(ctx, provinceCode)
  // The header as issued: the issuer's name and province as they were on the document's date
  // ("TỈNH ỦY" under "ĐẢNG BỘ TỈNH KIÊN GIANG" for a 2021 document of Tỉnh ủy Kiên Giang).
  const issuerBody = d.issuerOrgId ? await bodyAsIssued(ctx, d.issuerOrgId) : null
  const issuedAs = issuerBody && d.date && (issuerBody.validTo ?? '9999') >= d.date ? issuerBody : null
  const writtenProvince = issuedAs ? null : (await provinceNames(ctx)).find((p) => new RegExp(`(?:^|\\s)(TỈNH\\s+)?${p.toUpperCase()}$`).test(d.issuerName.toUpperCase().trim()))
  const provinceName = (issuedAs?.province ?? writtenProvince ?? province.name).toUpperCase()
  // The name is the one recorded with the document (as written, or as composed at the time).
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
    place: d.place ?? (issuedAs?.province || writtenProvince || province.name),
    date: d.date ?? new Date(ctx.now()).toISOString().slice(0, 10),
    urgency: (d.urgency as DirectiveForRender['urgency']) ?? null,
    secrecy: (d.secrecy as DirectiveForRender['secrecy']) ?? null,
    summary: d.summary,
    addressees: d.addressees.map((a) => a.text),
    body,
    recipients: (d.status === 'imported' ? recipientLinesAsWritten(d.sourceText) : null) ?? d.recipients.map((r) => r.text),
    signing: {
      authority: (d.signing.authority as SigningAuthority | null) ?? null,
      actingFor: d.signing.actingFor ?? (d.system === 'party' ? 'BAN THƯỜNG VỤ' : null),
      position: d.signing.position ?? '',
      signer: d.signing.signer ?? '',
    },
  }
}
