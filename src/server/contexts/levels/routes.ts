import { z } from 'zod'
import { zAssessInput } from '../../../domain/levels/input.ts'
import { NATIONAL_IDS } from '../../../domain/levels/national.ts'
import { type App, ctxOf } from '../../platform/routes.ts'
import * as levels from './service.ts'

const zRules = z.enum(NATIONAL_IDS, { error: `Bộ tiêu chí (rules) là một trong ${NATIONAL_IDS.join(', ')}.` })

export function levelRoutes(app: App): void {
  app.post('/api/levels/assess', {
    schema: {
      tags: ['levels'],
      summary: 'Tính cấp độ dịch của các đơn vị theo một bộ tiêu chí (không lưu)',
      description:
        'Vào: {units: [{unit, population, communityCases7d, cases7d, oxygenPatients7d, deaths7d, coverage: {...}, capacity: {...}}]}; trường bộ tiêu chí không dùng có thể bỏ. Ra: {units: [{unit, level, indicators: [{name, value, band}], reasons}]}. Dữ liệu sai: 400 nêu từng trường.',
      querystring: z.strictObject({ rules: zRules.default('218') }),
      body: zAssessInput,
    },
    handler: async (req) => levels.assess(ctxOf(req, 'levels:read'), req.query, req.body),
  })
}
