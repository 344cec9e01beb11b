import { describe, it, expect } from 'vitest'
import { perDiagnostic, formatDiagnostic, type Diagnostic } from '../../src/report/messages.js'

const diag = (line: number): Diagnostic => ({ file: 'a.md', line, column: 3, severity: 'warning', ruleId: 'unresolved-link', message: 'Cannot resolve [[x]]' }) as Diagnostic

describe('perDiagnostic', () => {
  it('computes once per diagnostic object and gives each object its own value', () => {
    let calls = 0
    const format = perDiagnostic((d) => {
      calls++
      return formatDiagnostic(d)
    })
    const a = diag(1)
    const b = diag(2)
    expect(format(a)).toBe('a.md:1:3  warning  Cannot resolve [[x]]  unresolved-link')
    expect(format(a)).toBe(format(a))
    expect(format(b)).toBe('a.md:2:3  warning  Cannot resolve [[x]]  unresolved-link')
    expect(calls).toBe(2)
    // An equal but distinct object is computed again (identity, not value).
    format(diag(1))
    expect(calls).toBe(3)
  })

  it('remembers falsy values too', () => {
    let calls = 0
    const none = perDiagnostic(() => {
      calls++
      return undefined
    })
    const d = diag(1)
    none(d)
    none(d)
    expect(calls).toBe(1)
  })
})
