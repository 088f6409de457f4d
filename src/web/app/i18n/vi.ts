import { viAdmin } from './vi-admin.ts'
import { viCascade } from './vi-cascade.ts'
import { viCore } from './vi-core.ts'
import { viDirectives } from './vi-directives.ts'

export const vi = { ...viCore, ...viAdmin, ...viDirectives, ...viCascade }

export type MessageKey = keyof typeof vi
/** Every language must give a text for every Vietnamese key, and no other. */
export type Messages = Record<MessageKey, string>
