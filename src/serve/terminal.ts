/**
 * What the preview server prints: every diagnostic of the first build, then after each update
 * only the diagnostics that are new (positioned, `file:line:col  warning  message  rule-id`),
 * how many were fixed, and one status line. Keeps a real vault's standing warnings from
 * scrolling the terminal on every save.
 */
import { formatDiagnostic, perDiagnostic, type Diagnostic } from '../report/messages.js'
import { formatText } from '../report/reporter.js'
import type { UpdateOutcome } from './updater.js'

const MAX_LINES = 100

// A big vault has thousands of standing warnings: format each one once.
const keyOf = perDiagnostic(formatDiagnostic)

export class TerminalReport {
  private shown = new Set<string>()
  private lastConfigProblem = ''

  constructor(
    private readonly write: (line: string) => void,
    private readonly color = false,
  ) {}

  /** Prints one update; `first` for the initial build. */
  update(o: UpdateOutcome, first = false): void {
    const now = new Set(o.diagnostics.map(keyOf))
    const fresh = first ? o.diagnostics : o.diagnostics.filter((d) => !this.shown.has(keyOf(d)))
    const fixed = [...this.shown].filter((k) => !now.has(k)).length
    if (!o.error) this.shown = now
    this.print(fresh)
    const config = o.overlay.find((i) => i.ruleId === 'invalid-config')
    const configLine = config ? `${config.file}:${config.line}:${config.column}  error  ${config.message}  invalid-config` : ''
    if (configLine && configLine !== this.lastConfigProblem) this.write(`${configLine}\n(the previous config stays in use until this is fixed)`)
    if (!configLine && this.lastConfigProblem) this.write('config fixed')
    this.lastConfigProblem = configLine
    if (o.error) {
      this.write(`update failed: ${o.error.message}; still serving the last good site`)
      return
    }
    if (first) return
    const what = o.changed.length + o.removed.length
    const parts = [what ? `${o.changed.length} changed, ${o.removed.length} removed` : 'no output changed']
    if (fixed) parts.push(`${fixed} diagnostic${fixed === 1 ? '' : 's'} fixed`)
    this.write(`${o.full ? 'rebuilt' : 'updated'} in ${o.ms} ms: ${parts.join(', ')}`)
  }

  private print(diags: Diagnostic[]): void {
    if (!diags.length) return
    this.write(formatText(diags.slice(0, MAX_LINES), this.color))
    if (diags.length > MAX_LINES) this.write(`… and ${diags.length - MAX_LINES} more (grove check lists them all)`)
  }
}
