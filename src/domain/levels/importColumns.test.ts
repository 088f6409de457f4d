import { describe, expect, it } from 'vitest'
import { rowsFromTable } from './importColumns.ts'

describe('a week’s figures from a spreadsheet', () => {
  it('reads Vietnamese or contract headers, percentages or shares, and yes/no', () => {
    const r = rowsFromTable(
      ['Mã', 'Dân số', 'Ca mới 7 ngày', 'Thở ô xy 7 ngày', 'Tử vong 7 ngày', 'Dân số tiêm đủ liều', 'highRiskFullyVaccinated', 'Bảo đảm thu dung điều trị'],
      [
        { line: 2, cells: ['30742', 210000, '12', 0, 0, '78%', 0.93, 'có'] },
        { line: 3, cells: ['31078', '180.000', 3, 1, 0, 80, '0,9', 'không'] },
      ],
    )
    expect(r.problems).toEqual([])
    expect(r.rows).toEqual([
      { unitCode: '30742', inputs: { population: 210000, cases7d: 12, oxygenPatients7d: 0, deaths7d: 0, coverage: { fullyVaccinated: 0.78, highRiskFullyVaccinated: 0.93 }, capacity: { adequate: true } } },
      { unitCode: '31078', inputs: { population: 180000, cases7d: 3, oxygenPatients7d: 1, deaths7d: 0, coverage: { fullyVaccinated: 0.8, highRiskFullyVaccinated: 0.9 }, capacity: { adequate: false } } },
    ])
  })

  it('names unknown columns, a missing code column and bad cells with their line', () => {
    expect(rowsFromTable(['Dân số', 'Màu'], []).problems).toEqual(['Thiếu cột mã đơn vị (Mã hoặc unitCode).', 'Cột không nhận ra: Màu.'])
    const bad = rowsFromTable(['Mã', 'Ca mới 7 ngày', 'Bảo đảm thu dung điều trị'], [{ line: 4, cells: ['30742', 'nhiều', 'có lẽ'] }, { line: 5, cells: [null, 1, 'có'] }])
    expect(bad.problems).toEqual(['Dòng 4, cột "Ca mới 7 ngày": "nhiều" không phải một số.', 'Dòng 4, cột "Bảo đảm thu dung điều trị": "có lẽ" không phải có/không.', 'Dòng 5: thiếu mã đơn vị.'])
  })
})
