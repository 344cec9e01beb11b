/**
 * Which problems the browser overlay shows: errors, and the warnings that mean a page is not
 * what its author wrote (invalid front matter, a half-written or unreadable file, colliding
 * slugs). Routine warnings such as unresolved links stay in the terminal, or the overlay would
 * never go away on a real vault.
 */
import type { Diagnostic } from '../report/messages.js'

/** A diagnostic as the overlay shows it; `ruleId` also covers `invalid-config` and `build-failed`. */
export interface OverlayItem {
  file: string
  line: number
  column: number
  severity: 'warning' | 'error'
  message: string
  ruleId: string
  /** The output page of `file`, so that page's tabs keep their last good version while it is broken. */
  page?: string
}

const OVERLAY_RULES = new Set<string>(['invalid-frontmatter', 'unreadable-file', 'slug-collision'])

/** The overlay-worthy subset of a site's diagnostics, capped so an event stays small. */
export function overlayItems(diagnostics: Diagnostic[], pageOf: (file: string) => string | undefined = () => undefined, max = 50): OverlayItem[] {
  const out: OverlayItem[] = []
  for (const d of diagnostics) {
    if (d.severity !== 'error' && !OVERLAY_RULES.has(d.ruleId)) continue
    if (out.length === max) break
    const page = d.file ? pageOf(d.file) : undefined
    out.push({ file: d.file, line: d.line, column: d.column, severity: d.severity, message: d.message, ruleId: d.ruleId, ...(page ? { page } : {}) })
  }
  return out
}
