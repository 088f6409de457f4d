import { describe, expect, it } from 'vitest'
import { doseOrderProblem } from './order.ts'

describe('order of a person’s doses', () => {
  const first = { dose: '1' as const, doseDate: '2021-08-01' }
  const second = { dose: '2' as const, doseDate: '2021-09-01' }

  it('accepts each dose after the ones before it', () => {
    expect(doseOrderProblem(second, [first])).toBeNull()
    expect(doseOrderProblem({ dose: 'booster', doseDate: '2022-01-10' }, [first, second])).toBeNull()
    // A first dose recorded after the second was: it must come before it.
    expect(doseOrderProblem(first, [second])).toBeNull()
    expect(doseOrderProblem(first, [])).toBeNull()
  })

  it('refuses a dose on or before an earlier one, after a later one, or twice, in Vietnamese', () => {
    expect(doseOrderProblem({ dose: '2', doseDate: '2021-08-01' }, [first])).toBe('Mũi 2 phải tiêm sau mũi 1 (ngày 01/08/2021).')
    expect(doseOrderProblem({ dose: '1', doseDate: '2021-09-02' }, [second])).toBe('Mũi 1 phải tiêm trước mũi 2 (ngày 01/09/2021).')
    expect(doseOrderProblem({ dose: 'booster', doseDate: '2021-08-20' }, [first, second])).toBe('Mũi nhắc lại phải tiêm sau mũi 2 (ngày 01/09/2021).')
    expect(doseOrderProblem({ dose: '1', doseDate: '2021-07-01' }, [first])).toBe('Người này đã có mũi 1 (ngày 01/08/2021).')
  })
})
