/**
 * Derives the compact 2020 line list shipped in data/reference/epi-2020.json from the raw files of
 * the vncovid19 project (CC BY 4.0):
 *
 *   tsx scripts/build-epi-data.ts <shared-data-dir>
 *
 * Each patient keeps the facts the import uses: dates, age, sex, the province of treatment (as its
 * 2008 GSO code, the registry of the time), nationality and the sources split into links to other
 * patients, countries (ISO 3166), cluster tags and flights. The description text is dropped. The
 * output is deterministic.
 */
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import countries from 'i18n-iso-countries'
import { z } from 'zod'
import { parseCountry } from '../src/domain/surveillance/importColumns.ts'
import { fold } from '../src/domain/text/fold.ts'

const Patient = z.object({
  id: z.string(),
  positiveDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  dischargeDate: z.string().optional(),
  gender: z.enum(['male', 'female', '']),
  age: z.number(),
  treatLoc: z.string(),
  nationality: z.string(),
  status: z.enum(['positive', 'negative', 'deceased']),
  source: z.array(z.string()),
  flights: z.array(z.string()).nullish(),
})
const Patients = z.object({ modified: z.string(), total: z.number(), data: z.array(Patient) })

/** Tags of the line list that name a cluster, with the province (2008 code) it lies in. */
const CLUSTERS: Record<string, { name: string; province: string }> = {
  BVBM: { name: 'Ổ dịch Bệnh viện Bạch Mai (Hà Nội, 2020)', province: '01' },
}
/** Tags that say "imported" without naming a country (IMPORT) or name a region (EU: Europe). */
const IMPORTED_TAGS = new Set(['IMPORT', 'EU'])
/** Province names of the line list spelled otherwise in the registry of 2008. */
const PROVINCE_ALIASES: Record<string, string> = { 'thua thien hue': 'hue' }

const root = path.resolve(process.argv[2] ?? '../shared/data')
const here = path.dirname(fileURLToPath(import.meta.url))
const rawPatients = readFileSync(path.join(root, 'epi/vn-covid19-2020-patients.json'))
const rawFlights = readFileSync(path.join(root, 'epi/vn-covid19-2020-flights.json'))
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex').slice(0, 12)
const patients = Patients.parse(JSON.parse(rawPatients.toString('utf8')))
if (patients.data.length !== patients.total) throw new Error(`expected ${patients.total} patients, found ${patients.data.length}`)

const units = JSON.parse(readFileSync(path.join(here, '../data/reference/units.json'), 'utf8')) as { units: { p: string; c: string; n: string; l: string }[] }
const provinces = new Map(units.units.filter((u) => u.p === '2008' && u.l === 'province').map((u) => [fold(u.n), u.c]))
const provinceCode = (name: string) => {
  const f = fold(name)
  const code = provinces.get(PROVINCE_ALIASES[f] ?? f)
  if (!code) throw new Error(`no 2008 province named ${name}`)
  return code
}

const out = patients.data.map((p) => {
  const links = p.source.filter((s) => /^\d+$/.test(s))
  const tags = p.source.filter((s) => !/^\d+$/.test(s))
  const countryCodes = tags.filter((s) => /^[A-Z]{2}$/.test(s) && s !== 'VN' && countries.isValid(s))
  const clusters = tags.filter((s) => s in CLUSTERS)
  const unknownTags = tags.filter((s) => !countryCodes.includes(s) && !clusters.includes(s) && !IMPORTED_TAGS.has(s) && s !== 'VN')
  if (unknownTags.length) throw new Error(`patient ${p.id}: unknown source tags ${unknownTags.join(', ')}`)
  const nationality = parseCountry(p.nationality)
  if (!nationality) throw new Error(`patient ${p.id}: unknown nationality ${p.nationality}`)
  const flights = (p.flights ?? []).filter((f) => f && f !== 'private')
  return {
    id: p.id,
    confirmed: p.positiveDate,
    discharged: p.status === 'negative' && p.dischargeDate ? p.dischargeDate : null,
    died: p.status === 'deceased',
    sex: p.gender || null,
    age: p.age >= 0 ? p.age : null,
    province: provinceCode(p.treatLoc),
    nationality,
    links,
    countries: countryCodes,
    imported: countryCodes.length > 0 || tags.some((t) => IMPORTED_TAGS.has(t)) || flights.length > 0,
    clusters,
    flights,
  }
})

const file = {
  generatedFrom: `vncovid19 project (CC BY 4.0): epi/vn-covid19-2020-patients.json sha256:${sha(rawPatients)}, epi/vn-covid19-2020-flights.json sha256:${sha(rawFlights)}`,
  modified: patients.modified,
  clusters: Object.entries(CLUSTERS).map(([code, c]) => ({ code, ...c })),
  patients: out,
}
const lines = [
  '{',
  `  "generatedFrom": ${JSON.stringify(file.generatedFrom)},`,
  `  "modified": ${JSON.stringify(file.modified)},`,
  `  "clusters": ${JSON.stringify(file.clusters)},`,
  '  "patients": [',
  out.map((p) => `    ${JSON.stringify(p)}`).join(',\n'),
  '  ]',
  '}',
  '',
]
const target = path.join(here, '../data/reference/epi-2020.json')
writeFileSync(target, lines.join('\n'))
console.log(`${out.length} patients, ${out.filter((p) => p.links.length).length} linked to another patient → ${path.relative(process.cwd(), target)}`)
