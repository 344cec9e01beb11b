import { describe, it, expect, afterEach } from 'vitest'
import { gunzipSync } from 'node:zlib'
import { buildVault, type BuiltVault } from '../helpers/build-vault.js'
import { segmentCjk } from '../../src/emit/search-index.js'

let v: BuiltVault | undefined
afterEach(async () => {
  await v?.cleanup()
  v = undefined
})

/** The decoded Pagefind fragments (one per indexed page): url, content, meta. */
function fragments(v: BuiltVault): Array<{ url: string; content: string; meta: Record<string, string> }> {
  return [...v.sink.files.entries()]
    .filter(([f]) => f.startsWith('_grove/pagefind/fragment/'))
    .map(([, data]) => JSON.parse(gunzipSync(Buffer.from(data as Uint8Array)).subarray('pagefind_dcd'.length).toString('utf8')))
    .sort((a, b) => (a.url < b.url ? -1 : 1))
}

describe('search index', () => {
  it('indexes published note pages only: no drafts, tag, folder or graph pages', async () => {
    v = await buildVault({
      'index.md': 'home page',
      'f/a.md': '---\ntags: [t]\n---\nAlpha body xylophone',
      'f/draft.md': '---\ndraft: true\n---\nzanzibarian',
      'g/b.md': '---\npublish: false\n---\nunpublished',
    })
    const frags = fragments(v)
    expect(frags.map((f) => f.url)).toEqual(['/f/a.html', '/index.html'])
    const all = JSON.stringify(frags)
    expect(all).toContain('xylophone')
    expect(all).not.toContain('zanzibarian')
    expect(all).not.toContain('unpublished')
    expect(v.sink.files.has('_grove/pagefind/pagefind.js')).toBe(true)
    expect(v.sink.files.has('_grove/pagefind/pagefind-ui.js')).toBe(false)
  })

  it('records title and breadcrumbs as metadata and leaves the site chrome out of the text', async () => {
    v = await buildVault({ 'f/a.md': '---\ntitle: The A\n---\nbody words', 'f/b.md': 'other' })
    const a = fragments(v).find((f) => f.url === '/f/a.html')
    expect(a?.meta.title).toBe('The A')
    expect(a?.meta.crumbs).toBe('Home › f')
    expect(a?.content).toContain('body words')
    expect(a?.content).not.toContain('Skip to content')
    expect(a?.content).not.toContain('Backlinks')
    expect(a?.content).not.toContain('Built with Grove')
  })

  it('indexes aliases', async () => {
    v = await buildVault({ 'a.md': '---\naliases: [Quetzalcoatl]\n---\nbody' })
    expect(JSON.stringify(fragments(v))).toContain('Quetzalcoatl')
  })

  it('splits CJK runs into words so Pagefind can find words inside them', () => {
    expect(segmentCjk('全文検索は日本語でも動きます')).toBe('全文 検索 は 日本語 でも 動き ます')
    expect(segmentCjk('plain English, untouched')).toBe('plain English, untouched')
    expect(segmentCjk('mixed 東京都 text')).toMatch(/^mixed 東京 ?都 text$/)
  })
})
