import { describe, it, expect, afterEach } from 'vitest'
import { rawHtmlUrls, rewriteRawHtmlUrls } from '../../src/markdown/raw-html-urls.js'
import { buildVault, select, type BuiltVault } from '../helpers/build-vault.js'

let v: BuiltVault | undefined
afterEach(async () => {
  await v?.cleanup()
  v = undefined
})

describe('raw HTML URLs', () => {
  it('finds src and href values inside tags only, not in text or external URLs', () => {
    expect(rawHtmlUrls('<img src="a b.png" alt=x> src=no <a href=\'n.md#h\'>t</a> <a href="https://e.org">e</a> <a href="#top">t</a>')).toEqual([
      { attr: 'src', url: 'a b.png' },
      { attr: 'href', url: 'n.md#h' },
    ])
  })

  it('rewrites or removes the values', () => {
    expect(rewriteRawHtmlUrls('<img src=x.png><img src="y.png">', (u) => (u.url === 'x.png' ? 'files/x.png' : null))).toBe('<img src="files/x.png"><img>')
  })

  it('resolves a raw <img src> to the copied attachment and drops a missing one with a warning', async () => {
    v = await buildVault({ 'sub/n.md': '<img src="pic.png"> <img src="gone.png">', 'sub/pic.png': 'p' })
    const imgs = v.content('sub/n.html')
    expect(select('img', imgs)?.properties.src).toBe('pic.png')
    expect(v.sink.files.has('sub/pic.png')).toBe(true)
    expect(v.html('sub/n.html')).not.toContain('gone.png"')
    expect(v.diagnostics.map((d) => d.ruleId)).toEqual(['missing-attachment'])
  })
})
