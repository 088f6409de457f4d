/** Numbers the Vietnamese way (1.234,5) without Intl: assessments run by the hundred thousand. */
export function vnNumber(n: number, digits = 1): string {
  const factor = digits === 1 ? 10 : digits === 2 ? 100 : 10 ** digits
  const scaled = Math.round(Math.abs(n) * factor)
  const int = Math.floor(scaled / factor)
  let frac = scaled - int * factor
  let text = int < 1000 ? String(int) : grouped(int)
  if (frac > 0) {
    let width = digits
    while (frac % 10 === 0) {
      frac /= 10
      width--
    }
    const f = String(frac)
    text += `,${f.length < width ? '0'.repeat(width - f.length) + f : f}`
  }
  return n < 0 && scaled > 0 ? `-${text}` : text
}

function grouped(int: number): string {
  const s = String(int)
  let out = ''
  for (let i = s.length; i > 0; i -= 3) out = s.slice(Math.max(0, i - 3), i) + (out ? `.${out}` : '')
  return out
}

/** A share (0–1) as a percentage: 0.705 → "70,5%". */
export function vnPercent(share: number): string {
  return `${vnNumber(share * 100, 1)}%`
}
