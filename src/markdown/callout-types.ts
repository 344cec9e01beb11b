/**
 * Obsidian's callout types and their aliases (OFM C2–C5). Kept apart from the transform so the
 * renderer (icons, CSS hooks) and the checker can share one table without pulling in remark.
 */

/** Canonical callout type → its aliases, in the order Obsidian's help lists them. */
export const CALLOUT_TYPES: Readonly<Record<string, readonly string[]>> = {
  note: [],
  abstract: ['summary', 'tldr'],
  info: [],
  todo: [],
  tip: ['hint', 'important'],
  success: ['check', 'done'],
  question: ['help', 'faq'],
  warning: ['caution', 'attention'],
  failure: ['fail', 'missing'],
  danger: ['error'],
  bug: [],
  example: [],
  quote: ['cite'],
}

/** Every known name (canonical or alias) → canonical; built once so lookups are O(1). */
const CANONICAL: ReadonlyMap<string, string> = new Map(
  Object.entries(CALLOUT_TYPES).flatMap(([canonical, aliases]) => [
    [canonical, canonical] as const,
    ...aliases.map((alias) => [alias, canonical] as const),
  ]),
)

/**
 * The canonical type used for styling: `canonicalCalloutType('FAQ')` → `'question'`.
 * Unknown (custom) types fall back to `'note'`, because Obsidian styles them as notes (C4).
 */
export function canonicalCalloutType(type: string): string {
  return CANONICAL.get(type.toLowerCase()) ?? 'note'
}

/**
 * The title Obsidian shows when none is written: the type as written, in title case (C5).
 * Only the first character is upper-cased, so `faq` → `Faq` and `custom-type` → `Custom-type`.
 */
export function defaultCalloutTitle(type: string): string {
  const lower = type.toLowerCase()
  return lower.charAt(0).toUpperCase() + lower.slice(1)
}
