/**
 * Code lists: the codes stored in the database, each with its Vietnamese and English name, the
 * way the domain's contexts declare them (`{ code: { vi, en } } as const`).
 */

/** A code's names: Vietnamese first, English second. */
export interface Label {
  vi: string
  en: string
}

/** A code list: each code with its names, in the order screens show them. */
export type CodeList = Readonly<Record<string, Label>>

/** The codes of a list, as a type. */
export type CodeOf<T extends CodeList> = keyof T & string

/** The codes of a list in their order, as a non-empty tuple (for zod enums). */
export function codesOf<T extends CodeList>(list: T): [CodeOf<T>, ...CodeOf<T>[]] {
  return Object.keys(list) as [CodeOf<T>, ...CodeOf<T>[]]
}
