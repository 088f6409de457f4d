import { enAdmin } from './en-admin.ts'
import { enAnalytics } from './en-analytics.ts'
import { enCascade } from './en-cascade.ts'
import { enCare } from './en-care.ts'
import { enCore } from './en-core.ts'
import { enLevels } from './en-levels.ts'
import { enDirectives } from './en-directives.ts'
import { enPeople } from './en-people.ts'
import { enQuarantine } from './en-quarantine.ts'
import { enSurveillance } from './en-surveillance.ts'
import { enSurveillanceAreas } from './en-surveillance-areas.ts'
import type { Messages } from './vi.ts'

export const en: Messages = { ...enCore, ...enLevels, ...enAdmin, ...enDirectives, ...enCascade, ...enPeople, ...enSurveillance, ...enSurveillanceAreas, ...enAnalytics, ...enCare, ...enQuarantine }
