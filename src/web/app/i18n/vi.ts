import { viAdmin } from './vi-admin.ts'
import { viAnalytics } from './vi-analytics.ts'
import { viCascade } from './vi-cascade.ts'
import { viCare } from './vi-care.ts'
import { viCore } from './vi-core.ts'
import { viLevels } from './vi-levels.ts'
import { viDirectives } from './vi-directives.ts'
import { viPeople } from './vi-people.ts'
import { viQuarantine } from './vi-quarantine.ts'
import { viSurveillance } from './vi-surveillance.ts'
import { viSurveillanceAreas } from './vi-surveillance-areas.ts'
import { viSafety } from './vi-safety.ts'
import { viEntry } from './vi-entry.ts'
import { viEvents } from './vi-events.ts'
import { viVaccination } from './vi-vaccination.ts'
import { viBoard } from './vi-board.ts'

export const vi = { ...viCore, ...viLevels, ...viAdmin, ...viDirectives, ...viCascade, ...viPeople, ...viSurveillance, ...viSurveillanceAreas, ...viAnalytics, ...viCare, ...viQuarantine, ...viSafety, ...viEvents, ...viEntry, ...viVaccination, ...viBoard }

export type MessageKey = keyof typeof vi
/** Every language must give a text for every Vietnamese key, and no other. */
export type Messages = Record<MessageKey, string>
