import { describe, it, expect, afterEach } from 'vitest'
import { buildVault, select, type BuiltVault } from '../helpers/build-vault.js'

let v: BuiltVault | undefined
afterEach(async () => {
  await v?.cleanup()
  v = undefined
})

const refresh = (v: BuiltVault, file: string) => String(select('meta[http-equiv="refresh"]', v.page(file))?.properties.content ?? '')

describe('redirects', () => {
  it('redirects from path aliases to the note, relatively', async () => {
    v = await buildVault({ 'new/place.md': '---\naliases: [Old Folder/Old Name, plain alias]\n---\nx' })
    expect(refresh(v, 'old-folder/old-name.html')).toBe('0; url=../new/place.html')
    expect(select('a', v.page('old-folder/old-name.html'))?.properties.href).toBe('../new/place.html')
    expect(v.html('plain-alias.html')).toBeUndefined()
  })

  it('redirects the natural path of a permalinked note, with a canonical link to the new URL', async () => {
    v = await buildVault({ 'deep/note.md': '---\npermalink: short\n---\nx' }, { baseUrl: 'https://example.org' })
    expect(refresh(v, 'deep/note.html')).toBe('0; url=../short.html')
    expect(select('link[rel="canonical"]', v.page('deep/note.html'))?.properties.href).toBe('https://example.org/short.html')
    expect(select('meta[name="robots"]', v.page('deep/note.html'))?.properties.content).toBe('noindex')
  })

  it('never replaces a real page, the graph page or another redirect', async () => {
    v = await buildVault({
      'real.md': 'I am real',
      'a.md': '---\naliases: [x/real, graph]\n---\na',
      'b.md': '---\naliases: [sub/taken, /graph]\n---\nb',
      'c.md': '---\naliases: [sub/taken]\n---\nc',
    })
    expect(v.html('real.html')).toContain('I am real')
    expect(refresh(v, 'sub/taken.html')).toBe('0; url=../b.html')
    expect(v.html('graph.html')).toContain('class="graph-view graph-global"')
  })

  it('escapes the target in the markup', async () => {
    v = await buildVault({ 'a "q" <b>.md': '---\naliases: [old/x]\n---\nx' })
    const html = v.html('old/x.html') as string
    expect(html).not.toContain('<b>')
  })
})
