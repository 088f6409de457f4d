import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { loadReference, referenceDir } from '../server/contexts/units/reference.ts'
import { SYSTEM } from '../server/platform/context.ts'
import { openDatabase } from '../server/platform/db.ts'
import { migrate, migrationsDir } from '../server/platform/migrate.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    snapshotPath: string
    pgTemplate: string
  }
}

const root = fileURLToPath(new URL('../../', import.meta.url))
export const PG_TEMPLATE = 'phongdich_test_template'

/** What the prepared database depends on: when none of it changes, the cached snapshot is reused. */
async function fingerprint(): Promise<string> {
  const h = createHash('sha256')
  for (const dir of [migrationsDir, referenceDir]) {
    for (const f of (await readdir(dir)).sort()) h.update(f).update(await readFile(path.join(dir, f)))
  }
  h.update(await readFile(fileURLToPath(new URL('../server/contexts/units/reference.ts', import.meta.url))))
  return h.digest('hex').slice(0, 16)
}

async function prepare(db: Awaited<ReturnType<typeof openDatabase>>['db']) {
  await migrate(db)
  await loadReference({ ctx: { db, access: SYSTEM, now: () => new Date() }, checkpoint: null, progress: async () => {} })
}

/**
 * Prepares one migrated database holding the reference registry, once per run: a PGlite data-dir
 * snapshot (cached on disk) or, with DATABASE_URL, a PostgreSQL template database. Each test file
 * then starts from a copy in well under a second.
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL
  if (url) {
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    await admin.query(`DROP DATABASE IF EXISTS ${PG_TEMPLATE} WITH (FORCE)`)
    await admin.query(`CREATE DATABASE ${PG_TEMPLATE}`)
    await admin.end()
    const templateUrl = new URL(url)
    templateUrl.pathname = `/${PG_TEMPLATE}`
    const database = await openDatabase({ databaseUrl: templateUrl.toString() })
    await prepare(database.db)
    await database.close()
    project.provide('pgTemplate', PG_TEMPLATE)
    project.provide('snapshotPath', '')
    return
  }
  const cacheDir = path.join(root, 'node_modules/.cache/phongdich-test')
  const file = path.join(cacheDir, `snapshot-${await fingerprint()}.tar`)
  if (!existsSync(file)) {
    await mkdir(cacheDir, { recursive: true })
    // Snapshots of earlier schemas or reference data are of no further use once a day old (a
    // younger one may still be in use by a run on another checkout state).
    for (const old of await readdir(cacheDir)) {
      const p = path.join(cacheDir, old)
      if (old.startsWith('snapshot-') && Date.now() - (await stat(p)).mtimeMs > 86_400_000) await rm(p, { force: true })
    }
    const database = await openDatabase({})
    await prepare(database.db)
    // Uncompressed: each test file loads it, and skipping gunzip saves a few hundred milliseconds.
    const dump = await database.embedded!.dump()
    await database.close()
    await writeFile(`${file}.${process.pid}.tmp`, Buffer.from(await dump.arrayBuffer()))
    await rename(`${file}.${process.pid}.tmp`, file)
  }
  project.provide('snapshotPath', file)
  project.provide('pgTemplate', '')
}
