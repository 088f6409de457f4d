import { describe, expect, it } from 'vitest'
import { fold } from '../text/fold.ts'
import { similarity } from '../text/trigram.ts'
import { NAME_SIMILARITY_THRESHOLD, rankCandidates } from './duplicates.ts'

const row = (id: number, name: string, phone: string | null, sameCommune: boolean) => ({ id, nameFold: fold(name), phone, sameCommune })

describe('duplicate candidates', () => {
  it('keeps the threshold between a missing middle name and a different given name', () => {
    expect(similarity(fold('Nguyễn Hùng'), fold('Nguyễn Văn Hùng'))).toBeGreaterThanOrEqual(NAME_SIMILARITY_THRESHOLD)
    expect(similarity(fold('Nguyễn Văn Hùng'), fold('Nguyễn Văn Dũng'))).toBeLessThan(NAME_SIMILARITY_THRESHOLD)
  })

  it('finds similar names regardless of diacritics, case and order, and says why', () => {
    const ranked = rankCandidates('NGUYEN VAN HUNG', '0912345678', [
      row(1, 'Nguyễn Văn Hùng', '0912345678', false),
      row(2, 'Hùng Nguyễn Văn', null, true),
      row(3, 'Nguyễn Văn Dũng', '0912345678', true),
      row(4, 'Nguyễn Hùng', '0987654321', true),
    ])
    expect(ranked).toEqual([
      { id: 1, similarity: 1, reasons: ['phone'] },
      { id: 2, similarity: 1, reasons: ['commune'] },
      { id: 4, similarity: 0.75, reasons: ['commune'] },
    ])
  })

  it('works for ethnic-minority and foreign names', () => {
    expect(rankCandidates("H'Hen Niê", null, [row(1, 'H Hen Nie', null, true)])).toHaveLength(1)
    expect(rankCandidates('Thạch Sô Phên', null, [row(1, 'Thach So Phen', null, true)])).toHaveLength(1)
    expect(rankCandidates('Søren Müller', null, [row(1, 'Muller Søren', null, true)])).toHaveLength(1)
    expect(rankCandidates('王小明', null, [row(1, '王小明', null, true)])).toHaveLength(1)
  })

  it('needs a shared phone or commune', () => {
    expect(rankCandidates('Lê Thị Mai', '0911111111', [row(1, 'Lê Thị Mai', '0922222222', false)])).toEqual([])
  })
})
