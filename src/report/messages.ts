/**
 * Positioned diagnostics. Stages collect them (never print, never throw for content problems);
 * the reporter prints them and decides whether the build failed.
 */
export const RULE_IDS = [
  'unresolved-link',
  'ambiguous-link',
  'missing-heading',
  'missing-block',
  'invalid-frontmatter',
  'slug-collision',
  'embed-cycle',
  'missing-attachment',
  'deprecated-key',
  'unsafe-path',
  'unreadable-file',
  'content-limit',
] as const

export type RuleId = (typeof RULE_IDS)[number]
export type Severity = 'off' | 'warn' | 'error'

export interface Diagnostic {
  /** Vault-relative source path, or '' for site-wide problems. */
  file: string
  line: number
  column: number
  severity: 'warning' | 'error'
  message: string
  ruleId: RuleId
}

export interface Place {
  line: number
  column: number
}

/** Collects diagnostics for one note (or the vault); severities are applied by the reporter. */
export class DiagnosticBag {
  readonly items: Diagnostic[] = []
  constructor(readonly file: string) {}

  warn(ruleId: RuleId, message: string, place?: Place | null): void {
    this.items.push({
      file: this.file,
      line: place?.line ?? 1,
      column: place?.column ?? 1,
      severity: 'warning',
      message,
      ruleId,
    })
  }
}

const DEFAULT_SEVERITY: Partial<Record<RuleId, Severity>> = {}

/** Applies configured severities: drops 'off' rules, upgrades 'error' ones; stable order. */
export function applySeverities(diags: Diagnostic[], severity: Partial<Record<RuleId, Severity>>): Diagnostic[] {
  const out: Diagnostic[] = []
  for (const d of diags) {
    const sev = severity[d.ruleId] ?? DEFAULT_SEVERITY[d.ruleId] ?? 'warn'
    if (sev === 'off') continue
    out.push(sev === 'error' ? { ...d, severity: 'error' } : d)
  }
  return out.sort(
    (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  )
}

/** `path/to/note.md:LINE:COL  warning  message  rule-id` */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.file ? `${d.file}:${d.line}:${d.column}` : '(site)'
  return `${where}  ${d.severity}  ${d.message}  ${d.ruleId}`
}

/**
 * `fn` remembered per diagnostic object. A preview session reports the same (cached) diagnostic
 * objects after every update, thousands of them in a big vault, so their keys and lines are
 * worth building once.
 */
export function perDiagnostic<T>(fn: (d: Diagnostic) => T): (d: Diagnostic) => T {
  const known = new WeakMap<Diagnostic, T>()
  return (d) => {
    if (known.has(d)) return known.get(d) as T
    const v = fn(d)
    known.set(d, v)
    return v
  }
}
