import { userInfo } from 'node:os'
import { SYSTEM } from '../server/platform/context.ts'
import { AppError } from '../server/platform/errors.ts'

export const PASSPHRASE_ENV = 'PHONGDICH_BACKUP_PASSPHRASE'
const MIN_LENGTH = 8

/** Reads one line from the terminal without echoing it. */
function askHidden(prompt: string): Promise<string> {
  const stdin = process.stdin
  return new Promise((resolve, reject) => {
    let value = ''
    const finish = (err?: Error) => {
      stdin.off('data', onData)
      stdin.setRawMode(false)
      stdin.pause()
      process.stderr.write('\n')
      if (err) reject(err)
      else resolve(value)
    }
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish()
        if (ch === '\u0003') return finish(new AppError(1, 'CANCELLED', 'Đã hủy.'))
        if (ch === '\u007f' || ch === '\b') value = Array.from(value).slice(0, -1).join('')
        else if (ch >= ' ') value += ch
      }
    }
    process.stderr.write(prompt)
    stdin.setEncoding('utf8')
    stdin.setRawMode(true)
    stdin.resume()
    stdin.on('data', onData)
  })
}

/**
 * The backup passphrase: PHONGDICH_BACKUP_PASSPHRASE when set, otherwise asked on the terminal
 * without echo (twice when it will encrypt a new backup). Without either, a clear error.
 */
export async function backupPassphrase(purpose: 'encrypt' | 'decrypt'): Promise<string> {
  const fromEnv = process.env[PASSPHRASE_ENV]
  let passphrase: string
  if (fromEnv) passphrase = fromEnv
  else if (process.stdin.isTTY) {
    passphrase = await askHidden('Mật khẩu sao lưu: ')
    if (purpose === 'encrypt' && passphrase.length >= MIN_LENGTH && (await askHidden('Nhập lại mật khẩu: ')) !== passphrase) {
      throw new AppError(1, 'PASSPHRASE_MISMATCH', 'Hai lần nhập mật khẩu không khớp.')
    }
  } else {
    throw new AppError(
      1,
      'PASSPHRASE_REQUIRED',
      `Cần mật khẩu sao lưu: đặt biến môi trường ${PASSPHRASE_ENV} hoặc chạy lệnh trong một cửa sổ dòng lệnh để nhập mật khẩu.`,
    )
  }
  if (purpose === 'encrypt' && Array.from(passphrase).length < MIN_LENGTH) {
    throw new AppError(1, 'PASSPHRASE_TOO_SHORT', `Mật khẩu sao lưu phải có ít nhất ${MIN_LENGTH} ký tự.`)
  }
  if (!passphrase) throw new AppError(1, 'PASSPHRASE_REQUIRED', 'Chưa nhập mật khẩu sao lưu.')
  return passphrase
}

/** How the audit trail names the command line: the system, run by this operating-system user. */
export function cliActor(): string {
  try {
    return `${SYSTEM.username} (${userInfo().username})`
  } catch {
    return SYSTEM.username
  }
}
