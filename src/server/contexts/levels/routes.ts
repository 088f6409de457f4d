import { z } from 'zod'
import { zAssessInput, zUnitInput } from '../../../domain/levels/input.ts'
import { NATIONAL_IDS } from '../../../domain/levels/national.ts'
import { WEEK_PATTERN } from '../../../domain/levels/weeks.ts'
import { type App, ctxOf, zIdParams, zIsoDate, zUnitCode } from '../../platform/routes.ts'
import { SYSTEM } from '../../platform/context.ts'
import * as levels from './service.ts'

const zRules = z.enum(NATIONAL_IDS, { error: `Bộ tiêu chí (rules) là một trong ${NATIONAL_IDS.join(', ')}.` })
const zWeek = z.string().regex(WEEK_PATTERN, 'Tuần theo dạng YYYY-Www, ví dụ 2021-W32.')
const zRuleSetCode = z.string().regex(/^[A-Za-z0-9._-]{1,60}$/, 'Mã bộ tiêu chí gồm chữ, số, dấu chấm, gạch.')
const zWeekInputs = zUnitInput.omit({ unit: true, previousLevel: true }).extend({ population: zUnitInput.shape.population.optional() })
/** Public answers change at most weekly: browsers and proxies may keep them a few minutes. */
const PUBLIC_CACHE = 'public, max-age=300, stale-while-revalidate=600'

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

  app.get('/api/levels/rule-sets', {
    schema: { tags: ['levels'], summary: 'Các bộ tiêu chí: quốc gia (chỉ đọc) và bản của tỉnh' },
    handler: async (req) => ({ ruleSets: await levels.listRuleSets(ctxOf(req, 'levels:read')) }),
  })
  app.get('/api/levels/rule-sets/:id', {
    schema: { tags: ['levels'], summary: 'Một bộ tiêu chí với mọi ngưỡng, ô bảng và mức tin cậy', params: z.strictObject({ id: zRuleSetCode }) },
    handler: async (req) => levels.getRuleSet(ctxOf(req, 'levels:read'), req.params.id),
  })
  app.post('/api/levels/rule-sets', {
    schema: {
      tags: ['levels'],
      summary: 'Tạo bản của tỉnh từ một bộ tiêu chí quốc gia, có ngày hiệu lực',
      body: z.strictObject({
        baseCode: zRules,
        validFrom: zIsoDate,
        validTo: zIsoDate.nullable().optional(),
        unitCode: zUnitCode.optional(),
        name: z.string().trim().max(300, 'Tên dài quá 300 ký tự.').optional(),
      }),
    },
    handler: async (req, reply) => reply.status(201).send(await levels.forkRuleSet(ctxOf(req, 'levels:rules'), req.body)),
  })
  app.put('/api/levels/rule-sets/:id', {
    schema: {
      tags: ['levels'],
      summary: 'Sửa bản của tỉnh (ngưỡng, ô bảng, ngày hiệu lực); bản quốc gia chỉ được đọc',
      params: z.strictObject({ id: zRuleSetCode }),
      body: z.strictObject({ definition: z.record(z.string(), z.unknown(), { error: 'definition là toàn bộ bộ tiêu chí (đối tượng JSON).' }) }),
    },
    handler: async (req) => levels.updateRuleSet(ctxOf(req, 'levels:rules'), req.params.id, req.body.definition),
  })

  app.get('/api/levels/weeks', {
    schema: { tags: ['levels'], summary: 'Bảng đánh giá cấp độ trong tuần của các xã thuộc một đơn vị', querystring: z.strictObject({ unit: zUnitCode, week: zWeek }) },
    handler: async (req) => levels.weekTable(ctxOf(req, 'levels:read'), req.query),
  })
  app.put('/api/levels/weeks/:week/inputs', {
    schema: {
      tags: ['levels'],
      summary: 'Nhập số liệu tổng hợp của tuần cho từng xã (không cần dữ liệu từng người) và tính cấp độ',
      params: z.strictObject({ week: zWeek }),
      body: z.strictObject({
        source: z.enum(['entered', 'imported']).default('entered'),
        rows: z.array(z.strictObject({ unitCode: zUnitCode, inputs: zWeekInputs })).min(1, 'Cần ít nhất một đơn vị.').max(5000, 'Tối đa 5.000 đơn vị mỗi lần.'),
      }),
    },
    handler: async (req) => levels.enterInputs(ctxOf(req, 'levels:assess'), req.params.week, req.body.rows, req.body.source),
  })
  app.post('/api/levels/weeks/:week/compute', {
    schema: {
      tags: ['levels'],
      summary: 'Tính cấp độ trong tuần cho các xã của một đơn vị từ dữ liệu: ca bệnh (giám sát), thở ô xy và giường (điều trị), bao phủ (tiêm chủng); thiếu thì dùng số liệu đã nhập',
      params: z.strictObject({ week: zWeek }),
      body: z.strictObject({ unit: zUnitCode }),
    },
    handler: async (req) => levels.computeFromSurveillance(ctxOf(req, 'levels:assess'), { unit: req.body.unit, week: req.params.week }),
  })
  app.post('/api/levels/weeks/:week/publish', {
    schema: {
      tags: ['levels'],
      summary: 'Công bố cấp độ của tuần cho các xã của một đơn vị, áp dụng từ ngày đã chọn',
      params: z.strictObject({ week: zWeek }),
      body: z.strictObject({ unit: zUnitCode, effectiveFrom: zIsoDate }),
    },
    handler: async (req) => levels.publishWeek(ctxOf(req, 'levels:publish'), { ...req.body, week: req.params.week }),
  })
  app.post('/api/levels/assessments/:id/override', {
    schema: {
      tags: ['levels'],
      summary: 'Ban Chỉ đạo điều chỉnh cấp độ (kèm lý do) hoặc bỏ điều chỉnh (level: null)',
      params: zIdParams,
      body: z.strictObject({
        level: z.number({ error: 'Cấp độ từ 1 đến 4.' }).int().min(1, 'Cấp độ từ 1 đến 4.').max(4, 'Cấp độ từ 1 đến 4.').nullable(),
        reason: z.string().trim().max(1000, 'Lý do dài quá 1.000 ký tự.').nullable().optional(),
      }),
    },
    handler: async (req) => levels.overrideLevel(ctxOf(req, 'levels:publish'), req.params.id, { level: req.body.level, reason: req.body.reason ?? null }),
  })
  app.get('/api/levels/history', {
    schema: { tags: ['levels'], summary: 'Lịch sử cấp độ đã công bố của một đơn vị', querystring: z.strictObject({ unit: zUnitCode }) },
    handler: async (req) => levels.unitHistory(ctxOf(req, 'levels:read'), req.query.unit),
  })

  // Public: no login, no personal data, cacheable.
  const publicCtx = (req: { server: App }) => ({ db: req.server.deps.db, access: SYSTEM, now: req.server.deps.now })
  app.get('/api/public/levels', {
    config: { public: true },
    schema: { tags: ['public'], summary: 'Cấp độ dịch đang áp dụng của mọi xã thuộc một đơn vị (công khai)', querystring: z.strictObject({ unit: zUnitCode.optional() }) },
    handler: async (req, reply) => reply.header('cache-control', PUBLIC_CACHE).send(await levels.publicLevels(publicCtx(req), req.query.unit ?? req.server.deps.provinceCode)),
  })
  app.get('/api/public/levels/map', {
    config: { public: true },
    schema: { tags: ['public'], summary: 'Ranh giới các xã với cấp độ đang áp dụng (công khai)', querystring: z.strictObject({ unit: zUnitCode.optional() }) },
    handler: async (req, reply) => reply.header('cache-control', PUBLIC_CACHE).send(await levels.publicMap(publicCtx(req), req.query.unit ?? req.server.deps.provinceCode)),
  })
  app.get('/api/public/levels/search', {
    config: { public: true },
    schema: {
      tags: ['public'],
      summary: 'Tìm xã theo tên hiện nay hoặc tên trước 2025, kèm cấp độ đang áp dụng (công khai)',
      querystring: z.strictObject({ q: z.string().max(100, 'Từ khóa dài quá 100 ký tự.') }),
    },
    handler: async (req, reply) => reply.header('cache-control', PUBLIC_CACHE).send(await levels.publicSearch(publicCtx(req), req.server.deps.provinceCode, req.query.q)),
  })
  app.get('/api/public/levels/measures', {
    config: { public: true },
    schema: { tags: ['public'], summary: 'Biện pháp theo từng cấp độ (công khai)' },
    handler: async (_req, reply) => reply.header('cache-control', PUBLIC_CACHE).send(levels.measuresCatalogue()),
  })
}

