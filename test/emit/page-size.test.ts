import { describe, it, expect } from 'vitest'
import { buildVault } from '../helpers/build-vault.js'

/** A vault of `n` generated notes (all in one folder, linked in a chain, sharing a tag) plus one fixed note. */
function vault(n: number): Record<string, string> {
  const files: Record<string, string> = {
    'index.md': 'Home',
    'notes/target.md': '---\ntitle: Target\ntags: [common]\ndate: 2024-01-01\n---\n# Intro\n\nThe fixed note, linking to [[n0001]].\n\n## Section\n\nText.',
  }
  for (let i = 1; i <= n; i++) {
    const id = String(i).padStart(4, '0')
    files[`notes/n${id}.md`] = `---\ntags: [common]\ndate: 2024-02-01\n---\nNote ${id} links to [[n${String(i + 1).padStart(4, '0')}]].`
  }
  return files
}

describe('page weight', () => {
  it('keeps a note page the same size whether the vault has 20 or 400 notes', async () => {
    const small = await buildVault(vault(20))
    const large = await buildVault(vault(400))
    const a = (small.html('notes/target.html') as string).length
    const b = (large.html('notes/target.html') as string).length
    await small.cleanup()
    await large.cleanup()
    expect(Math.abs(a - b)).toBeLessThanOrEqual(Math.ceil(a * 0.01))
    // The vault-wide data lives in files loaded on demand, which do grow.
    expect(large.sink.text('_grove/explorer.json')!.length).toBeGreaterThan(small.sink.text('_grove/explorer.json')!.length * 10)
  })
})
