/** Prints diagnostics (text or JSON) and decides whether they fail the run. */
import pc from 'picocolors'
import { formatDiagnostic, type Diagnostic } from './messages.js'

export interface Summary {
  errors: number
  warnings: number
  failed: boolean
}

export function summarize(diags: Diagnostic[], strict: boolean): Summary {
  const errors = diags.filter((d) => d.severity === 'error').length
  const warnings = diags.length - errors
  return { errors, warnings, failed: errors > 0 || (strict && warnings > 0) }
}

export function formatText(diags: Diagnostic[], color: boolean): string {
  return diags
    .map((d) => {
      const line = formatDiagnostic(d)
      if (!color) return line
      return line.replace(`  ${d.severity}  `, `  ${d.severity === 'error' ? pc.red(d.severity) : pc.yellow(d.severity)}  `)
    })
    .join('\n')
}

export function summaryLine(s: Summary, notes: number, published: number): string {
  const count = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`
  return `${count(notes, 'note')} (${published} published): ${count(s.errors, 'error')}, ${count(s.warnings, 'warning')}`
}

export function formatJson(diags: Diagnostic[], s: Summary, notes: number, published: number): string {
  return JSON.stringify({ notes, published, errors: s.errors, warnings: s.warnings, diagnostics: diags }, null, 2)
}
