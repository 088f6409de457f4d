import path from 'node:path'

export interface Config {
  databaseUrl: string | undefined
  dataDir: string
  port: number
  provinceCode: string
  /** Load the deterministic demo province on first start. */
  demo: boolean
  smtpUrl: string | undefined
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.DATA_DIR ?? './data/db')
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    port: Number(env.PORT ?? 3000),
    provinceCode: env.PROVINCE_CODE ?? '91',
    demo: env.DEMO !== '0',
    smtpUrl: env.SMTP_URL || undefined,
  }
}
