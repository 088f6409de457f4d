/**
 * Assesses every commune of Vietnam (3,321 since 2025) for 52 weeks with each national rule set, as
 * the weekly assessment does: synthetic but plausible inputs, seeded, made before the clock starts.
 * Target: under 1 s per rule set for the 172,692 assessments (best of three passes).
 */
import { assessUnit } from '../src/domain/levels/assess.ts'
import type { UnitInput } from '../src/domain/levels/input.ts'
import { NATIONAL_RULE_SETS } from '../src/domain/levels/national.ts'
import { Random } from '../src/domain/demo/random.ts'

const COMMUNES = 3321
const WEEKS = 52
const rng = new Random(3321)
const inputs: UnitInput[] = []
for (let c = 0; c < COMMUNES; c++) {
  const population = rng.int(2_000, 120_000)
  let level = 1
  for (let w = 0; w < WEEKS; w++) {
    // A summer wave in the middle of the year, coverage rising through it.
    const wave = Math.exp(-(((w - 30) / 6) ** 2)) * rng.next() * 400
    const rate = (n: number) => Math.round((n * population) / 100_000)
    const coverage = Math.min(1, 0.1 + (w / WEEKS) * 0.95 * (0.8 + rng.next() * 0.2))
    inputs.push({
      unit: `X${c}`,
      population,
      communityCases7d: rate(wave * 0.6),
      cases7d: rate(wave),
      communityCasesPrev7d: rate(wave * 0.5),
      casesPrev7d: rate(wave * 0.9),
      oxygenPatients7d: rate(wave * 0.05),
      deaths7d: rate(wave * 0.01),
      previousLevel: level,
      coverage: { adults18PlusAtLeastOneDose: coverage, elderly65PlusFullyVaccinated: coverage * 0.95, fullyVaccinated: coverage * 0.8, highRiskFullyVaccinated: coverage * 0.9 },
      capacity: { adequate: rng.chance(0.9), freeBedsPer100k: rng.int(0, 60), icuBeds: rng.int(0, 40) },
    })
    level = 1 + (w % 4)
  }
}

const figures: string[] = []
let failed = false
for (const rs of NATIONAL_RULE_SETS) {
  assessUnit(rs, inputs[0]!) // warm-up
  // Three passes; the best is the figure (the machine is shared), the slowest is shown beside it.
  const times: number[] = []
  let counts = [0, 0, 0, 0, 0]
  for (let pass = 0; pass < 3; pass++) {
    counts = [0, 0, 0, 0, 0]
    const started = performance.now()
    for (const u of inputs) counts[assessUnit(rs, u).level]!++
    times.push(performance.now() - started)
  }
  const ms = Math.min(...times)
  if (ms >= 1000) failed = true
  figures.push(`${rs.id.padEnd(5)} ${inputs.length.toLocaleString('vi-VN')} đánh giá (${COMMUNES} xã × ${WEEKS} tuần): ${ms.toFixed(0)} ms (chậm nhất ${Math.max(...times).toFixed(0)} ms) — cấp 1–4: ${counts.slice(1).join(' / ')}`)
}
console.log(figures.join('\n'))
console.log(failed ? 'CHẬM: quá 1 giây' : 'Đạt: dưới 1 giây mỗi bộ tiêu chí')
process.exitCode = failed ? 1 : 0
