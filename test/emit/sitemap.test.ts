import { describe, it, expect, afterEach } from 'vitest'
import { fromXml } from './xml.js'
import { buildVault, type BuiltVault } from '../helpers/build-vault.js'

let v: BuiltVault | undefined
afterEach(async () => {
  await v?.cleanup()
  v = undefined
})

describe('sitemap', () => {
  it('lists every published page with front matter lastmod, never drafts, redirects or the 404 page', async () => {
    v = await buildVault({
      'index.md': 'home',
      'a b.md': '---\ndate: 2024-01-01\nupdated: 2024-02-03\naliases: [old/a]\n---\n#t',
      'sub/c.md': '---\ndate: 2024-05-05T10:00\n---\nc',
      'draft.md': '---\ndraft: true\n---\nsecret',
    }, { baseUrl: 'https://example.org/site' })
    const map = fromXml(v.html('sitemap.xml') as string)
    expect(map.all('url > loc')).toEqual([
      'https://example.org/site/a-b.html',
      'https://example.org/site/graph.html',
      'https://example.org/site/index.html',
      'https://example.org/site/sub/c.html',
      'https://example.org/site/sub/index.html',
      'https://example.org/site/tags/index.html',
      'https://example.org/site/tags/t.html',
    ])
    expect(map.all('url > lastmod')).toEqual(['2024-02-03', '2024-05-05'])
    expect(v.html('old/a.html')).toBeDefined()
  })

  it('points robots.txt at the sitemap, and writes no sitemap without a baseUrl', async () => {
    v = await buildVault({ 'a.md': 'x' }, { baseUrl: 'https://example.org' })
    expect(v.html('robots.txt')).toBe('User-agent: *\nAllow: /\nSitemap: https://example.org/sitemap.xml\n')
    await v.cleanup()
    v = await buildVault({ 'a.md': 'x' })
    expect(v.html('sitemap.xml')).toBeUndefined()
    expect(v.html('robots.txt')).toBe('User-agent: *\nAllow: /\n')
  })

  it('escapes URLs', async () => {
    v = await buildVault({ 'Fish & Chips.md': 'x' }, { baseUrl: 'https://example.org' })
    const xml = v.html('sitemap.xml') as string
    expect(xml).not.toMatch(/&(?!#x26;|amp;)/)
  })
})
