/**
 * An illegal-entry case moves through fixed steps, each done by a named body at a time:
 * interception (chặn bắt, phát hiện) → handover (bàn giao cho y tế, cơ quan cách ly) → quarantine
 * placement → investigation outcome (kết quả xác minh, xử lý). A step is accepted only right after
 * the one before it, at a time not before it.
 */

export const STEPS = ['interception', 'handover', 'placement', 'outcome'] as const
export type Step = (typeof STEPS)[number]

export const STAGES = ['reported', 'intercepted', 'handed_over', 'placed', 'concluded'] as const
export type Stage = (typeof STAGES)[number]

export const STEP_LABELS: Record<Step, string> = {
  interception: 'Chặn giữ, phát hiện',
  handover: 'Bàn giao',
  placement: 'Đưa vào cách ly',
  outcome: 'Kết quả xác minh, xử lý',
}
export const STAGE_LABELS: Record<Stage, string> = {
  reported: 'Mới tiếp nhận tin báo',
  intercepted: 'Đã chặn giữ',
  handed_over: 'Đã bàn giao',
  placed: 'Đã đưa vào cách ly',
  concluded: 'Đã có kết quả xử lý',
}

/** The stage a case is in once `step` is done. */
export const STAGE_AFTER: Record<Step, Stage> = { interception: 'intercepted', handover: 'handed_over', placement: 'placed', outcome: 'concluded' }

/** The step that may come next from `stage`, or null when the case is concluded. */
export function nextStep(stage: Stage): Step | null {
  const i = STAGES.indexOf(stage)
  return STEPS[i] ?? null
}

/**
 * Why `step` at `at` cannot be recorded on a case in `stage` whose last step was at `lastAt`
 * (Vietnamese), or null when it can.
 */
export function stepRefusal(stage: Stage, step: Step, at: Date, lastAt: Date | null, occurredAt: Date): string | null {
  const expected = nextStep(stage)
  if (expected === null) return `Vụ việc đã có kết quả xử lý: không ghi thêm bước “${STEP_LABELS[step]}”.`
  if (step !== expected) {
    const done = STEPS.indexOf(step) < STEPS.indexOf(expected)
    return done
      ? `Bước “${STEP_LABELS[step]}” đã được ghi. Bước tiếp theo là “${STEP_LABELS[expected]}”.`
      : `Chưa thể ghi “${STEP_LABELS[step]}”: cần ghi bước “${STEP_LABELS[expected]}” trước.`
  }
  if (at.getTime() < occurredAt.getTime()) return `Thời điểm của bước “${STEP_LABELS[step]}” ở trước thời điểm vượt biên được báo.`
  if (lastAt && at.getTime() < lastAt.getTime()) return `Thời điểm của bước “${STEP_LABELS[step]}” ở trước bước đã ghi trước đó.`
  return null
}
