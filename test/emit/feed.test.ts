import { describe, it, expect, afterEach } from 'vitest'
import { fromXml } from './xml.js'
import { buildVault, type BuiltVault } from '../helpers/build-vault.js'
import { feedDate } from '../../src/emit/feed.js'

let v: BuiltVault | undefined
afterEach(async () => {
  await v?.cleanup()
  v = undefined
})

const BASE = { baseUrl: 'https://example.org/notes', title: 'My <Site> & Co' }

describe('feed', () => {
  it('lists dated notes newest first, drafts and undated notes left out', async () => {
    v = await buildVault({
      'old.md': '---\ndate: 2023-01-02\n---\nold',
      'new.md': '---\ndate: 2024-05-06\n---\nnew',
      'mid.md': '---\ndate: 2023-06-01T10:30\n---\nmid',
      'undated.md': 'no date',
      'draft.md': '---\ndate: 2025-01-01\ndraft: true\n---\nsecret',
    }, BASE)
    const rss = fromXml(v.html('feed.xml') as string)
    expect(rss.all('item > title')).toEqual(['new', 'mid', 'old'])
    expect(rss.all('item > pubDate')).toEqual(['Mon, 06 May 2024 00:00:00 GMT', 'Thu, 01 Jun 2023 10:30:00 GMT', 'Mon, 02 Jan 2023 00:00:00 GMT'])
    expect(rss.all('item > link')).toEqual(['https://example.org/notes/new.html', 'https://example.org/notes/mid.html', 'https://example.org/notes/old.html'])
    const atom = fromXml(v.html('atom.xml') as string)
    expect(atom.all('entry > title')).toEqual(['new', 'mid', 'old'])
    expect(atom.all('feed > updated')).toEqual(['2024-05-06T00:00:00.000Z'])
  })

  it('escapes titles, descriptions and content', async () => {
    v = await buildVault({ 'a.md': '---\ntitle: "Fish & <Chips>"\ndescription: "a \\"quoted\\" <b>bold</b> claim"\ndate: 2024-01-01\n---\nBody with <em>html</em> & [[a]].' }, BASE)
    const xml = v.html('feed.xml') as string
    expect(xml).toContain('<title>Fish &#x26; &#x3C;Chips></title>')
    expect(xml).not.toContain('<Chips>')
    expect(xml).not.toContain('<b>bold</b>')
    const rss = fromXml(xml)
    expect(rss.all('channel > title')).toEqual(['My <Site> & Co'])
    expect(rss.all('item > description')).toEqual(['a "quoted" <b>bold</b> claim'])
    expect(rss.all('item > content\\:encoded')[0]).toContain('<em>html</em>')
  })

  it('makes links and images in item content absolute', async () => {
    v = await buildVault({ 'sub/a.md': '---\ndate: 2024-01-01\n---\nSee [[b]] and ![[p.png]]', 'b.md': 'b', 'p.png': 'png' }, BASE)
    const content = fromXml(v.html('feed.xml') as string).all('item > content\\:encoded')[0]
    expect(content).toContain('href="https://example.org/notes/b.html"')
    expect(content).toContain('src="https://example.org/notes/p.png"')
  })

  it('writes a feed per top-level folder with only its notes', async () => {
    v = await buildVault({
      'blog/one.md': '---\ndate: 2024-01-01\n---\n1',
      'blog/deep/two.md': '---\ndate: 2024-02-01\n---\n2',
      'docs/three.md': '---\ndate: 2024-03-01\n---\n3',
      'docs/undated.md': 'x',
      'misc/undated.md': 'x',
    }, BASE)
    expect(fromXml(v.html('blog/feed.xml') as string).all('item > title')).toEqual(['two', 'one'])
    expect(fromXml(v.html('docs/atom.xml') as string).all('entry > title')).toEqual(['three'])
    expect(v.html('misc/feed.xml')).toBeUndefined()
    expect(fromXml(v.html('feed.xml') as string).all('item > title')).toEqual(['three', 'two', 'one'])
    const links = v.html('blog/one.html') as string
    expect(links).toMatch(/<link rel="alternate" type="application\/rss\+xml" title="blog · My [^"]+ \(RSS\)" href="feed.xml">/)
    expect(v.html('misc/undated.html')).not.toContain('misc/feed.xml')
  })

  it('writes no feed without a baseUrl', async () => {
    v = await buildVault({ 'a.md': '---\ndate: 2024-01-01\n---\nx' })
    expect(v.html('feed.xml')).toBeUndefined()
    expect(v.html('atom.xml')).toBeUndefined()
    expect(v.html('a.html')).not.toContain('application/rss+xml')
  })

  it('is byte-identical across builds', async () => {
    const files = { 'a.md': '---\ndate: 2024-01-01\n---\nx', 'b.md': '---\ndate: 2024-01-02\n---\ny' }
    v = await buildVault(files, BASE)
    const first = v.html('feed.xml')
    await v.cleanup()
    v = await buildVault(files, BASE)
    expect(v.html('feed.xml')).toBe(first)
  })

  it('reads front matter dates as UTC', () => {
    expect(feedDate('2024-03-04')?.toISOString()).toBe('2024-03-04T00:00:00.000Z')
    expect(feedDate('2024-03-04 12:30')?.toISOString()).toBe('2024-03-04T12:30:00.000Z')
    expect(feedDate('2024-03-04T12:30:00+02:00')?.toISOString()).toBe('2024-03-04T10:30:00.000Z')
    expect(feedDate('2024-13-45')).toBeUndefined()
  })
})
