/**
 * Measures the directive parser against facts read by a person.
 *
 *   tsx scripts/eval-directives.ts [<folder>] [--expected <file>] [--orgs <orgs.json>] [--verbose]
 *
 * Parses every .txt/.md/.docx/.pdf file in <folder> (Word and PDF through the same extraction as
 * an upload) and compares it with the expected facts: by default data/eval/<folder name>.expected.json
 * (an object keyed by file name), or else a <name>.expected.json beside each document. Prints a
 * table per document and the accuracy per field, and exits with 1 when any core field (type,
 * number+symbol, date, issuer, urgency, signer, numbered-task count) is wrong.
 *
 * Without a folder it measures the development set (src/domain/documents/fixtures and
 * data/eval/dev) and then the held-aside set (data/eval/heldout), which rules are never tuned
 * against; only the development set decides the exit code.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { matcherInputFromDemo } from '../src/domain/documents/demoOrgs.ts'
import { accuracyByField, CORE_FIELDS, type ExpectedFacts, evaluateDirective, type FieldResult } from '../src/domain/documents/evaluate.ts'
import { buildOrgMatcher, type OrgMatcher } from '../src/domain/documents/orgMatcher.ts'
import { parseDirective } from '../src/domain/documents/parse.ts'
import { extractDocumentText } from '../src/server/platform/textract.ts'

const root = fileURLToPath(new URL('../', import.meta.url))

interface Args {
  folder: string
  expected: string | null
  orgs: string
  verbose: boolean
}

function readArgs(argv: string[]): Args {
  const args: Args = { folder: '', expected: null, orgs: path.join(root, 'data/demo/orgs-91.json'), verbose: false }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? ''
    if (a === '--expected') args.expected = argv[++i] ?? null
    else if (a === '--orgs') args.orgs = argv[++i] ?? args.orgs
    else if (a === '--verbose' || a === '-v') args.verbose = true
    else if (!args.folder) args.folder = a
  }
  return args
}

function loadMatcher(file: string): OrgMatcher | undefined {
  if (!existsSync(file)) return undefined
  const { orgs, groups } = matcherInputFromDemo(JSON.parse(readFileSync(file, 'utf8')))
  return buildOrgMatcher(orgs, groups)
}

function loadExpected(args: Args, docs: string[]): Record<string, ExpectedFacts> {
  const file = args.expected ?? path.join(root, 'data/eval', `${path.basename(path.resolve(args.folder))}.expected.json`)
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Record<string, ExpectedFacts>
  if (args.expected) {
    console.error(`Expected facts not found: ${file}`)
    process.exit(2)
  }
  const out: Record<string, ExpectedFacts> = {}
  for (const d of docs) {
    const beside = path.join(args.folder, `${d.replace(DOCUMENT, '')}.expected.json`)
    if (existsSync(beside)) out[d] = JSON.parse(readFileSync(beside, 'utf8')) as ExpectedFacts
  }
  return out
}

const DOCUMENT = /\.(txt|md|docx|pdf)$/i

async function textOf(file: string): Promise<string> {
  if (/\.(txt|md)$/i.test(file)) return readFileSync(file, 'utf8')
  return extractDocumentText(path.basename(file), readFileSync(file))
}

const pct = (c: number, t: number) => (t === 0 ? '   –' : `${((100 * c) / t).toFixed(0).padStart(3)}%`)
const pad = (s: string, n: number) => (s.length >= n ? s.slice(0, n) : s + ' '.repeat(n - s.length))

function printTable(rows: [string, FieldResult[]][]): void {
  const cols = [...CORE_FIELDS]
  console.log([pad('document', 34), ...cols.map((c) => pad(c.replace('numberedTaskCount', 'tasks'), 13)), 'other'].join(' '))
  for (const [doc, results] of rows) {
    const cell = (f: string) => {
      const r = results.find((x) => x.field === f)
      return pad(r ? (r.correct ? '✓' : '✗') : '–', 13)
    }
    const others = results.filter((r) => !r.core)
    const other = others.length ? `${others.filter((r) => r.correct).length}/${others.length}` : '–'
    console.log([pad(doc, 34), ...cols.map(cell), other].join(' '))
  }
}

type Rows = [string, FieldResult[]][]

async function evaluateFolder(args: Args, matcher: OrgMatcher | undefined): Promise<Rows> {
  const docs = readdirSync(args.folder)
    .filter((f) => DOCUMENT.test(f))
    .sort()
  const expected = loadExpected(args, docs)
  const rows: Rows = []
  for (const doc of docs) {
    const facts = expected[doc]
    if (!facts) {
      console.log(`(no expected facts for ${doc})`)
      continue
    }
    const parsed = parseDirective(await textOf(path.join(args.folder, doc)), matcher)
    rows.push([doc, evaluateDirective(parsed, facts)])
  }
  return rows
}

/** Prints the table, the accuracy per field and the mismatches; true when every core field is right. */
function report(title: string, rows: Rows, verbose: boolean): boolean {
  console.log(`\n=== ${title}: ${rows.length} documents ===`)
  printTable(rows)
  console.log('\nAccuracy per field')
  const acc = accuracyByField(rows.map(([, r]) => r))
  for (const a of acc) console.log(`  ${a.core ? '*' : ' '} ${pad(a.field, 30)} ${pct(a.correct, a.total)}  (${a.correct}/${a.total})`)
  const core = acc.filter((a) => a.core)
  const coreCorrect = core.reduce((s, a) => s + a.correct, 0)
  const coreTotal = core.reduce((s, a) => s + a.total, 0)
  const all = acc.reduce((s, a) => s + a.correct, 0)
  const allTotal = acc.reduce((s, a) => s + a.total, 0)
  const wrong = rows.flatMap(([doc, r]) => r.filter((x) => !x.correct || verbose).map((x) => ({ doc, ...x })))
  if (wrong.length) {
    console.log(verbose ? '\nAll fields' : '\nMismatches')
    for (const w of wrong) console.log(`  ${w.correct ? '✓' : '✗'} ${w.doc} ${w.field}: expected ${w.expected}, got ${w.actual}`)
  }
  console.log(`\n${title} — core fields (*): ${pct(coreCorrect, coreTotal).trim()} (${coreCorrect}/${coreTotal})   all fields: ${pct(all, allTotal).trim()} (${all}/${allTotal})`)
  return coreCorrect === coreTotal
}

async function main(): Promise<void> {
  const args = readArgs(process.argv.slice(2))
  const matcher = loadMatcher(args.orgs)
  if (args.folder) {
    const rows = await evaluateFolder(args, matcher)
    if (rows.length === 0) {
      console.error('No document had expected facts.')
      process.exit(2)
    }
    process.exit(report(path.basename(path.resolve(args.folder)), rows, args.verbose) ? 0 : 1)
  }
  const dev: Rows = []
  for (const folder of [path.join(root, 'src/domain/documents/fixtures'), path.join(root, 'data/eval/dev')]) {
    if (existsSync(folder)) dev.push(...(await evaluateFolder({ ...args, folder }, matcher)))
  }
  const heldout = await evaluateFolder({ ...args, folder: path.join(root, 'data/eval/heldout') }, matcher)
  const devOk = report('Development set', dev, args.verbose)
  report('Held-aside set (never tuned against)', heldout, args.verbose)
  process.exit(devOk ? 0 : 1)
}

await main()
