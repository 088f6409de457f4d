import { createReadStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { Command, Option } from 'commander'
import { ROLE_KEYS, type Role } from '../domain/access/roles.ts'
import { IMPORT_KINDS, type ImportKind } from '../domain/surveillance/importColumns.ts'
import { createUser } from '../server/contexts/access/service.ts'
import { parseDocument } from '../server/contexts/directives/service.ts'
import { getJob } from '../server/contexts/jobs/service.ts'
import { LINELIST_JOB } from '../server/contexts/surveillance/imports/lineList.ts'
import { queueFileImport } from '../server/contexts/surveillance/imports/service.ts'
import { chainSummary } from '../server/contexts/surveillance/summary/service.ts'
import { writeOutbreak } from '../server/demo/outbreak.ts'
import { CASES_PER_SCALE, MILLION_CASES_SCALE } from '../domain/surveillance/outbreak.ts'
import { enqueueJob } from '../server/platform/jobs.ts'
import { startBoundaryImport, startPopulationImport } from '../server/contexts/units/imports.ts'
import { createJobRunner } from '../server/jobs.ts'
import { backup, isEncryptedBackup, restore } from '../server/platform/backup.ts'
import { loadConfig } from '../server/platform/config.ts'
import { type Ctx, SYSTEM } from '../server/platform/context.ts'
import { AppError } from '../server/platform/errors.ts'
import { migrate } from '../server/platform/migrate.ts'
import { clockFrom, openConfigured, queueFirstRun, startServer, version } from '../server/start.ts'
import { registerJobCommands } from './jobs.ts'
import { backupPassphrase, cliActor } from './passphrase.ts'
import { buildWebIfNeeded } from './web-build.ts'

const program = new Command()
program.name('phongdich').description('phongdich — hệ thống chỉ huy phòng, chống dịch cấp tỉnh').version(version)

/** Opens the configured database, runs `fn` with a system context, and closes it. */
async function withDatabase<T>(fn: (ctx: Ctx, engine: string) => Promise<T>): Promise<T> {
  const database = await openConfigured(loadConfig())
  try {
    return await fn({ db: database.db, access: SYSTEM, now: () => new Date() }, database.engine)
  } finally {
    await database.close()
  }
}

/** Runs queued jobs in this process, printing a progress line, until `jobId` has finished; answers its result. */
async function runJobHere(ctx: Ctx, jobId: number, print = true): Promise<unknown> {
  const runner = createJobRunner(ctx.db)
  const ticker = setInterval(async () => {
    const j = await getJob(ctx, jobId).catch(() => null)
    if (j) process.stderr.write(`\r${j.title}: ${j.percent ?? 0}% ${j.message ?? ''}   `)
  }, 500)
  try {
    await runner.drain()
  } finally {
    clearInterval(ticker)
  }
  const job = await getJob(ctx, jobId)
  process.stderr.write('\n')
  if (job.status !== 'done') throw new AppError(1, 'JOB_FAILED', `${job.title}: ${job.error ?? job.status}`)
  if (print) console.log(`${job.title}: xong. ${JSON.stringify(job.result)}`)
  return job.result
}

program
  .command('serve', { isDefault: true })
  .description('Chạy máy chủ web (mặc định cổng 3000)')
  .option('--build-if-needed', 'dựng giao diện web nếu chưa có hoặc đã cũ')
  .action(async (opts: { buildIfNeeded?: boolean }) => {
    if (opts.buildIfNeeded) await buildWebIfNeeded()
    const config = loadConfig()
    const server = await startServer(config)
    const shutdown = async () => {
      await server.stop()
      process.exit(0)
    }
    process.once('SIGINT', shutdown)
    process.once('SIGTERM', shutdown)
  })

const db = program.command('db').description('Cơ sở dữ liệu')
db.command('migrate')
  .description('Áp dụng các migration còn thiếu')
  .action(() =>
    withDatabase(async (ctx) => {
      const applied = await migrate(ctx.db)
      console.log(applied.length ? `Đã áp dụng: ${applied.join(', ')}` : 'Cơ sở dữ liệu đã ở phiên bản mới nhất.')
    }),
  )

program
  .command('setup')
  .description('Nạp danh mục đơn vị hành chính (và dữ liệu mẫu nếu DEMO khác 0) ngay, không cần chạy máy chủ')
  .action(() =>
    withDatabase(async (ctx) => {
      await queueFirstRun(ctx, loadConfig().demo)
      const n = await createJobRunner(ctx.db).drain()
      console.log(`Đã chạy ${n} công việc.`)
    }),
  )

program
  .command('backup')
  .argument('<file>', 'tệp sao lưu (.jsonl.gz)')
  .option('--encrypt', 'mã hóa bằng mật khẩu (biến môi trường PHONGDICH_BACKUP_PASSPHRASE, hoặc nhập khi chạy)')
  .description('Sao lưu toàn bộ cơ sở dữ liệu ra tệp (chỉ chủ tệp đọc được)')
  .action(async (file: string, opts: { encrypt?: boolean }) => {
    const passphrase = opts.encrypt ? await backupPassphrase('encrypt') : undefined
    await withDatabase(async (ctx, engine) => {
      const r = await backup(ctx.db, path.resolve(file), engine, { passphrase })
      console.log(`Đã sao lưu ${r.rows} dòng của ${r.tables} bảng vào ${file}${r.encrypted ? ' (đã mã hóa)' : ''}.`)
    })
  })

program
  .command('restore')
  .argument('<file>', 'tệp sao lưu')
  .description('Khôi phục cơ sở dữ liệu từ tệp sao lưu (thay toàn bộ dữ liệu hiện có, giữ nguyên nhật ký)')
  .action(async (file: string) => {
    const passphrase = (await isEncryptedBackup(path.resolve(file)).catch(() => false)) ? await backupPassphrase('decrypt') : undefined
    await withDatabase(async (ctx) => {
      const r = await restore(ctx.db, path.resolve(file), { actor: cliActor(), passphrase })
      console.log(`Đã khôi phục ${r.rows - r.auditRowsInBackup} dòng vào ${r.tables} bảng; nhật ký hiện có được giữ nguyên.`)
    })
  })

const user = program.command('user').description('Người dùng')
user
  .command('add')
  .description('Tạo người dùng')
  .requiredOption('--username <username>')
  .requiredOption('--password <password>')
  .addOption(new Option('--role <role>').choices(ROLE_KEYS).makeOptionMandatory())
  .requiredOption('--unit <code>', 'mã đơn vị hành chính (địa bàn)')
  .option('--org <id>', 'mã cơ quan (số)')
  .option('--name <name>', 'họ tên hiển thị')
  .action((o: { username: string; password: string; role: Role; unit: string; org?: string; name?: string }) =>
    withDatabase(async (ctx) => {
      const u = await createUser(ctx, {
        username: o.username,
        password: o.password,
        role: o.role,
        unitCode: o.unit,
        displayName: o.name ?? o.username,
        orgId: o.org ? Number(o.org) : null,
      })
      console.log(`Đã tạo người dùng ${u.username} (#${u.id}), vai trò ${u.role}, địa bàn ${u.unitName}.`)
    }),
  )

const units = program.command('units').description('Đơn vị hành chính')
units
  .command('import-population')
  .argument('<file>', 'tệp .csv hoặc .xlsx có cột Mã, Dân số, Năm, Nguồn')
  .description('Nhập dân số theo đơn vị')
  .action((file: string) =>
    withDatabase(async (ctx) => {
      const job = await startPopulationImport(ctx, path.basename(file), await readFile(file))
      await runJobHere(ctx, job.id)
    }),
  )
units
  .command('import-boundaries')
  .argument('<file>', 'tệp GeoJSON, mỗi đối tượng có mã xã (thuộc tính code hoặc ma)')
  .description('Nhập ranh giới xã')
  .action((file: string) =>
    withDatabase(async (ctx) => {
      const job = await startBoundaryImport(ctx, path.basename(file), await readFile(file))
      await runJobHere(ctx, job.id)
    }),
  )

registerJobCommands(program, withDatabase)

const importing = program.command('import').description('Nhập dữ liệu giám sát dịch: ca bệnh, người tiếp xúc, kết quả xét nghiệm')
for (const kind of IMPORT_KINDS) {
  const what = { cases: 'ca bệnh', contacts: 'người tiếp xúc (mỗi dòng một lần tiếp xúc)', tests: 'kết quả xét nghiệm' }[kind]
  importing
    .command(kind)
    .argument('<file>', 'tệp .csv hoặc .xlsx (xem README: các cột)')
    .option('--source <name>', 'nguồn dữ liệu: mã tham chiếu là duy nhất trong một nguồn', 'nhap-tep')
    .option('--unit <code>', 'chỉ nhập trong địa bàn đơn vị này (các dòng ngoài địa bàn bị từ chối)')
    .description(`Nhập ${what}; in JSON {inserted, updated, rejected, errorsFile}`)
    .action((file: string, opts: { source: string; unit?: string }) =>
      withDatabase(async (ctx) => {
        const jobId = await queueFileImport(ctx, { kind: kind as ImportKind, fileName: path.basename(file), content: createReadStream(file), source: opts.source, unitCode: opts.unit })
        const result = (await runJobHere(ctx, jobId, false)) as { inserted: number; updated: number; rejected: number; warnings: number; uploadId?: number }
        const errorsFile = result.uploadId ? await saveErrorsFile(ctx, result.uploadId, file) : null
        console.log(JSON.stringify({ inserted: result.inserted, updated: result.updated, rejected: result.rejected, ...(result.warnings ? { warnings: result.warnings } : {}), errorsFile }))
      }),
    )
}
importing
  .command('linelist-2020')
  .description('Nạp danh sách 288 ca bệnh đầu tiên của Việt Nam năm 2020 (nguồn lây giữa các ca, quốc gia, chuyến bay, ổ dịch)')
  .action(() =>
    withDatabase(async (ctx) => {
      const jobId = await enqueueJob(ctx, { kind: LINELIST_JOB, title: 'Nạp danh sách ca bệnh năm 2020' })
      const result = (await runJobHere(ctx, jobId, false)) as { inserted: number; updated: number; rejected: number; warnings: number; problems: string[] }
      console.log(JSON.stringify({ inserted: result.inserted, updated: result.updated, rejected: result.rejected, ...(result.warnings ? { warnings: result.warnings } : {}), errorsFile: null }))
      for (const p of result.problems) process.stderr.write(`${p}\n`)
    }),
  )

const surveillance = program.command('surveillance').description('Giám sát dịch')
surveillance
  .command('summary')
  .description('Chuỗi lây đang hoạt động (theo đồng hồ máy chủ, PHONGDICH_NOW): số F0, người tiếp xúc theo bậc, số chuỗi, chuỗi lớn nhất, sâu nhất')
  .option('--unit <code>', 'chỉ trong đơn vị này (mặc định: cả cơ sở dữ liệu)')
  .option('--json', 'in JSON {cases, byDegree, chains: {count, largest, deepest}}')
  .action((opts: { unit?: string; json?: boolean }) =>
    withDatabase(async (ctx) => {
      const s = await chainSummary({ ...ctx, now: clockFrom(process.env.PHONGDICH_NOW) }, { unit: opts.unit })
      if (opts.json) {
        console.log(JSON.stringify(s))
        return
      }
      console.log(`F0 đang hoạt động: ${s.cases}`)
      for (const [d, n] of Object.entries(s.byDegree)) console.log(`F${d}: ${n}`)
      console.log(`Chuỗi lây: ${s.chains.count}; lớn nhất ${s.chains.largest} người; sâu nhất F${s.chains.deepest}`)
    }),
  )

const demo = program.command('demo').description('Dữ liệu mẫu')
demo
  .command('outbreak')
  .description(
    `Tạo đợt dịch mẫu ở tỉnh An Giang (nếu chưa có): quy mô 1 khoảng ${CASES_PER_SCALE.toLocaleString('vi-VN')} ca; quy mô ${MILLION_CASES_SCALE} khoảng 1 triệu ca, 3 triệu lần tiếp xúc, 10 triệu xét nghiệm`,
  )
  .option('--scale <n>', 'quy mô (số thực dương, tối đa 1000)', '1')
  .option('--seed <n>', 'hạt giống ngẫu nhiên (cùng hạt giống, cùng ngày: cùng dữ liệu)', '20211011')
  .action((opts: { scale: string; seed: string }) =>
    withDatabase(async (base) => {
      const ctx = { ...base, now: clockFrom(process.env.PHONGDICH_NOW) }
      // The unit registry first, when this database has none yet.
      await queueFirstRun(ctx, false)
      await createJobRunner(ctx.db).drain()
      let shown = 0
      const r = await writeOutbreak(ctx, {
        scale: Number(opts.scale),
        seed: Number(opts.seed),
        progress: (done, total, message) => {
          if (Date.now() - shown < 1000 && done < total) return
          shown = Date.now()
          process.stderr.write(`\r${message}: ${Math.round((done / total) * 100)}% (${done.toLocaleString('vi-VN')} / ${total.toLocaleString('vi-VN')} dòng)     `)
        },
      })
      process.stderr.write('\n')
      if (!r.created) console.log(`Đã có đợt dịch mẫu (quy mô ${r.scale}, ngày ${r.today}); không tạo thêm.`)
      else {
        const n = (x: number) => x.toLocaleString('vi-VN')
        console.log(
          `Đợt dịch mẫu quy mô ${r.scale} đến ngày ${r.today}: ${n(r.people)} người, ${n(r.cases)} ca bệnh, ${n(r.exposures)} lần tiếp xúc, ${n(r.tests)} xét nghiệm, ${n(r.pools)} mẫu gộp, ${n(r.clusters)} ổ dịch, ${n(r.followups)} người theo dõi; ${n(r.contacts)} người tiếp xúc có bậc. ${r.seconds} giây.`,
        )
      }
    }),
  )

const levels = program.command('levels').description('Cấp độ dịch')
levels
  .command('assess')
  .requiredOption('--rules <id>', 'bộ tiêu chí: 2686, 4800 hoặc 218')
  .requiredOption('--input <file>', 'tệp JSON {units: [...]}')
  .option('--json', 'in kết quả dạng JSON')
  .description('Tính cấp độ dịch của các đơn vị từ số liệu trong tệp (không cần cơ sở dữ liệu)')
  .action(async (opts: { rules: string; input: string; json?: boolean }) => {
    const { assessFileCommand } = await import('../server/contexts/levels/cli.ts')
    console.log(await assessFileCommand(opts))
  })
levels
  .command('import')
  .argument('<file>', 'tệp .xlsx hoặc .csv: mỗi dòng một xã (Mã, Dân số, Ca mới 7 ngày, …)')
  .requiredOption('--week <week>', 'tuần, dạng YYYY-Www (ví dụ 2021-W33)')
  .description('Nhập số liệu tổng hợp của một tuần cho từng xã và tính cấp độ')
  .action((file: string, opts: { week: string }) =>
    withDatabase(async (ctx) => {
      const { importWeekCommand } = await import('../server/contexts/levels/cli.ts')
      console.log(await importWeekCommand(ctx, opts.week, file))
    }),
  )

program
  .command('rt')
  .description('Ước lượng hệ số lây nhiễm R theo thời gian (phương pháp Cori và cộng sự 2013, như EpiEstim) từ tệp số ca mỗi ngày (không cần cơ sở dữ liệu)')
  .option('--incidence <file>', 'tệp CSV (hoặc .xlsx) các cột date,local,imported, mỗi ngày một dòng; imported không bắt buộc')
  .option('--si-mean <days>', 'khoảng nối tiếp trung bình (ngày), phân bố gamma rời rạc hóa')
  .option('--si-sd <days>', 'độ lệch chuẩn của khoảng nối tiếp (ngày)')
  .option('--si-distr <file>', 'phân bố khoảng nối tiếp rời rạc từ ngày 0: mảng JSON hoặc mỗi dòng một xác suất')
  .option('--window <days>', 'độ dài cửa sổ trượt (mặc định 7)')
  .option('--mean-prior <r>', 'trung bình tiên nghiệm của R (mặc định 5)')
  .option('--std-prior <r>', 'độ lệch chuẩn tiên nghiệm của R (mặc định 5)')
  .option('--json', 'in kết quả dạng JSON')
  .action(async (opts: { incidence?: string; siMean?: string; siSd?: string; siDistr?: string; window?: string; meanPrior?: string; stdPrior?: string; json?: boolean }) => {
    const { rtFromFiles, rtTable } = await import('../server/contexts/analytics/cli.ts')
    const view = await rtFromFiles(opts)
    console.log(opts.json ? JSON.stringify(view, null, 2) : rtTable(view))
  })

const safety = program.command('safety').description('An toàn COVID-19 của cơ sở')
safety
  .command('score')
  .description('Chấm một bản tự đánh giá theo bộ tiêu chí (cùng hàm chấm của trình duyệt và máy chủ; không cần cơ sở dữ liệu)')
  .requiredOption('--checklist <key>', 'mã bộ tiêu chí có sẵn (ví dụ qd2194-noi-lam-viec) hoặc tệp bộ tiêu chí .json')
  .requiredOption('--answers <file>', 'tệp JSON {"mã tiêu chí": "mã lựa chọn"} (hoặc {answers: {...}})')
  .option('--json', 'in {points, max, percent, band, critical: []}')
  .action(async (opts: { checklist: string; answers: string; json?: boolean }) => {
    const { scoreCommand, scoreText } = await import('../server/contexts/safety/cli.ts')
    const r = await scoreCommand(opts)
    console.log(opts.json ? JSON.stringify(r) : scoreText(r))
  })

const quarantine = program.command('quarantine').description('Cách ly y tế')
quarantine
  .command('duration')
  .description('Thời gian cách ly theo quy định đang áp dụng vào ngày bắt đầu (quy định theo thời gian, có căn cứ)')
  .option('--start <date>', 'ngày bắt đầu cách ly, YYYY-MM-DD')
  .option('--kind <kind>', 'f1 (tiếp xúc gần), entry (nhập cảnh, từ vùng dịch về) hoặc illegal-entry (nhập cảnh trái phép)')
  .option('--vaccinated', 'đã tiêm đủ liều vắc xin hoặc đã khỏi bệnh')
  .option('--unit <code>', 'nơi cách ly (quy định riêng của tỉnh chứa đơn vị này được ưu tiên)')
  .option('--json', 'in JSON {rule, source, days, monitoringDays}')
  .action((opts: { start?: string; kind?: string; vaccinated?: boolean; unit?: string; json?: boolean }) =>
    withDatabase(async (ctx) => {
      const { durationCommand, durationText } = await import('../server/contexts/quarantine/cli.ts')
      const r = await durationCommand(ctx, opts)
      console.log(opts.json ? JSON.stringify({ rule: r.rule, source: r.source, days: r.days, monitoringDays: r.monitoringDays }) : durationText(r, opts.start!))
    }),
  )

const directive = program.command('directive').description('Văn bản chỉ đạo')
directive
  .command('parse')
  .argument('<file>', 'tệp .docx, .pdf, .txt hoặc .md')
  .option('--json', 'in kết quả dạng JSON')
  .description('Đọc một văn bản: số, ký hiệu, ngày, cơ quan ban hành, nơi nhận, nhiệm vụ…')
  .action((file: string, opts: { json?: boolean }) =>
    withDatabase(async (ctx) => {
      const { parsed } = await parseDocument(ctx, { file: { fileName: path.basename(file), content: await readFile(file) } })
      if (opts.json) {
        console.log(JSON.stringify(parsed, null, 2))
        return
      }
      console.log(`${parsed.type ?? '?'} ${parsed.symbol ?? '(không rõ số)'} — ${parsed.issuer?.text ?? '?'} — ${parsed.place ?? ''} ${parsed.date ?? ''}`)
      console.log(parsed.summary ?? '')
      for (const t of parsed.tasks) {
        console.log(`  ${t.ref}. chủ trì: ${t.lead.map((l) => l.text).join('; ') || '—'}; phối hợp: ${t.coordinating.map((c) => c.text).join('; ') || '—'}`)
      }
      for (const w of parsed.warnings) console.log(`  ! ${w}`)
    }),
  )

/** Writes an import's error file next to the imported file (or in the working directory); answers its path. */
async function saveErrorsFile(ctx: Ctx, uploadId: number, input: string): Promise<string> {
  const { writeFile } = await import('node:fs/promises')
  const { readStoredFile } = await import('../server/platform/fileStore.ts')
  const content = await readStoredFile(ctx.db, uploadId)
  const name = `${path.basename(input, path.extname(input))}.loi.csv`
  for (const dir of [path.dirname(path.resolve(input)), process.cwd()]) {
    const target = path.join(dir, name)
    try {
      await writeFile(target, content)
      return target
    } catch {
      // Not writable: the next place.
    }
  }
  throw new AppError(1, 'ERRORS_FILE', `Không ghi được tệp lỗi ${name} cạnh tệp nhập hay trong thư mục hiện tại.`)
}

program.parseAsync().catch((err: unknown) => {
  console.error(err instanceof AppError ? `Lỗi: ${err.message}` : err)
  process.exit(1)
})
