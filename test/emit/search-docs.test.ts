/**
 * The search documents' folders (src/emit/search-docs.ts): what Pagefind indexes, kept in the
 * build cache so that re-indexing a shard after an edit reads its unchanged pages' documents
 * back instead of laying those pages out again. A kept document counts only if its bytes match.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest'
import { gunzipSync } from 'node:zlib'
import { existsSync, readdirSync } from 'node:fs'
import { mkdtemp, mkdir, readFile, rm, writeFile, readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { shardFolder, fillShardFolder, pruneStore, dropShardFolder } from '../../src/emit/search-docs.js'
import { searchShardOf, shardCount, notePageHtml, searchDocumentOfTree } from '../../src/emit/search-index.js'
import { h } from 'hastscript'
import { toHtml } from 'hast-util-to-html'
import { sha1 } from '../../src/cache/build-cache.js'
import { build, type BuildResult } from '../../src/build.js'
import { DEFAULT_CONFIG, validateConfig } from '../../src/config.js'
import { FsSink } from '../../src/output/sink.js'
import { writeVault } from '../helpers/build-vault.js'
import { readTree, expectFreshSite, useSearchShardPages } from '../helpers/site-folder.js'

let work: string
beforeEach(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'grove-search-docs-'))
})
afterEach(async () => {
  await rm(work, { recursive: true, force: true })
})

const A = '<html><body><article>alpha</article></body></html>'
const B = '<html><body><article>beta</article></body></html>'

describe('fillShardFolder', () => {
  it('puts given documents into the run folder and the store, kept ones only when their bytes match, and names what is missing', async () => {
    const folder = shardFolder(work, 3)
    expect(folder.store).toBe(path.join(work, '3'))
    expect(folder.dir.startsWith(tmpdir())).toBe(true)
    const want = [['a.html', sha1(A)], ['f/b.html', sha1(B)]] as const
    expect(await fillShardFolder(folder, want, new Map([['a.html', A]]))).toEqual(['f/b.html'])
    expect(await readFile(path.join(folder.dir, 'a.html'), 'utf8')).toBe(A)
    expect(await readFile(path.join(work, '3', 'a.html'), 'utf8')).toBe(A)
    await dropShardFolder(folder)
    expect(existsSync(folder.dir)).toBe(false)
    expect(existsSync(path.join(work, '3', 'a.html'))).toBe(true)

    // The next run reads kept documents back from the store; the store loses pages that left the shard.
    const next = shardFolder(work, 3)
    await mkdir(path.join(work, '3', 'f'), { recursive: true })
    await writeFile(path.join(work, '3', 'f/b.html'), B)
    await writeFile(path.join(work, '3', 'gone.html'), 'a page that left the shard')
    pruneStore(next, want.map(([o]) => o))
    expect(existsSync(path.join(work, '3', 'gone.html'))).toBe(false)
    expect(await fillShardFolder(next, want, new Map())).toEqual([])
    expect((await readTree(next.dir)).size).toBe(2)
    expect(await readFile(path.join(next.dir, 'f/b.html'), 'utf8')).toBe(B)
    await dropShardFolder(next)

    // A kept file whose bytes do not match is never indexed as the page's document.
    const third = shardFolder(work, 3)
    await writeFile(path.join(work, '3', 'f/b.html'), B.replace('beta', 'tampered'))
    expect(await fillShardFolder(third, want, new Map())).toEqual(['f/b.html'])
    expect(existsSync(path.join(third.dir, 'f/b.html'))).toBe(false)
    expect(await fillShardFolder(third, [want[1]], new Map([['f/b.html', B]]))).toEqual([])
    expect(await readFile(path.join(third.dir, 'f/b.html'), 'utf8')).toBe(B)
    expect(await readFile(path.join(work, '3', 'f/b.html'), 'utf8')).toBe(B)
    await dropShardFolder(third)
  })

  it('keeps nothing between runs when the build has no cache', async () => {
    const folder = shardFolder(undefined, 0)
    expect(folder.store).toBeUndefined()
    expect(await fillShardFolder(folder, [['a.html', sha1(A)], ['b.html', sha1(B)]], new Map([['a.html', A]]))).toEqual(['b.html'])
    expect(await readFile(path.join(folder.dir, 'a.html'), 'utf8')).toBe(A)
    await dropShardFolder(folder)
    expect(existsSync(folder.dir)).toBe(false)
  })
})

describe('search documents kept in the build cache (shard size lowered to 8 pages)', () => {
  useSearchShardPages(8)
  const config = validateConfig({}, DEFAULT_CONFIG, 'test')
  const NOTES = 40
  const files: Record<string, string> = { 'n/café déjà.md': 'Accented page name with the word xenolith.' }
  for (let i = 0; i < NOTES - 1; i++) files[`n/note-${i}.md`] = `Body of note ${i} with word${i}x.`

  let vault: string, out: string, cacheDir: string
  beforeEach(async () => {
    vault = await writeVault(files)
    out = path.join(work, 'public')
    cacheDir = path.join(work, 'cache')
  })
  afterEach(async () => {
    await rm(vault, { recursive: true, force: true })
  })
  const buildInto = (): Promise<BuildResult> => build({ vaultDir: vault, config, sink: new FsSink(out), outDir: out, cacheDir })
  const shardOf = (output: string) => searchShardOf(output, shardCount(NOTES))

  it('re-indexes an edited shard from the kept documents, with no page laid out again, and writes what a fresh build writes', async () => {
    const first = await buildInto()
    expect(first.search).toEqual({ shards: shardCount(NOTES), reindexed: [0, 1, 2, 3, 4], laidOut: 0 })
    // One folder per shard, holding exactly that shard's documents.
    const kept = readdirSync(path.join(cacheDir, 'search-docs')).sort()
    expect(kept).toEqual(['0', '1', '2', '3', '4'])
    const inShard = (await readdir(path.join(cacheDir, 'search-docs', String(shardOf('n/note-7.html'))), { recursive: true })).filter((f) => f.endsWith('.html'))
    expect(inShard.length).toBe(Object.keys(files).filter((f) => shardOf(f.replace(/\.md$/, '.html')) === shardOf('n/note-7.html')).length)

    await writeVault({ 'n/note-7.md': files['n/note-7.md'] + '\nAn added zyzzyva.\n' }, vault)
    const warm = await buildInto()
    expect(warm.search?.reindexed).toEqual([shardOf('n/note-7.html')])
    expect(warm.search?.laidOut).toBe(0)
    await expectFreshSite(warm, vault, config, out, 'after the edit')
  })

  it('lays a page out again when its kept document was changed or removed, and still matches a fresh build', async () => {
    await buildInto()
    const shard = String(shardOf('n/note-3.html'))
    const mates = Object.keys(files).map((f) => f.replace(/\.md$/, '.html')).filter((o) => String(shardOf(o)) === shard && o !== 'n/note-3.html')
    expect(mates.length).toBeGreaterThan(1)
    await writeFile(path.join(cacheDir, 'search-docs', shard, mates[0]), '<html><body><article data-pagefind-body>forged</article></body></html>')
    await rm(path.join(cacheDir, 'search-docs', shard, mates[1]))
    await writeVault({ 'n/note-3.md': files['n/note-3.md'] + '\nEdited.\n' }, vault)
    const warm = await buildInto()
    expect(warm.search?.reindexed).toEqual([Number(shard)])
    expect(warm.search?.laidOut).toBe(2)
    await expectFreshSite(warm, vault, config, out, 'after tampering')
    const site = await readTree(out)
    const text = [...site].filter(([f]) => f.includes('fragment/')).map(([, d]) => gunzipSync(d).toString('utf8')).join('\n')
    expect(text).toContain('word1x')
    expect(text).not.toContain('forged')
  })

  it('indexes a page with a non-ASCII name under a URL that resolves to the page', async () => {
    await buildInto()
    const site = await readTree(out)
    const frags = [...site].filter(([f]) => /_grove\/pagefind\/(s\d+\/)?fragment\//.test(f)).map(([, d]) => JSON.parse(gunzipSync(d).subarray('pagefind_dcd'.length).toString('utf8')) as { url: string; content: string })
    const page = frags.find((f) => f.content.includes('xenolith'))
    expect(page).toBeDefined()
    const resolved = decodeURIComponent(new URL(page!.url.slice(1), 'https://example.org/base/').pathname)
    expect(resolved).toBe('/base/n/café-déjà.html')
    expect(site.has('n/café-déjà.html')).toBe(true)
  })
})

describe('notePageHtml', () => {
  const site = (language: string) => ({ config: { language } }) as unknown as Parameters<typeof notePageHtml>[0]
  const raw = (value: string) => ({ type: 'raw', value }) as never
  const page = (body: unknown[]) => ({
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: 'en' }, [
        h('head', [h('meta', { name: 'description', content: 'a <article> in an attribute </article>' })]),
        h('body', [h('nav', ['Skip']), h('main', [h('article', { className: ['markdown-rendered'], dataPagefindBody: '', dataAliases: 'Alias 東京' }, body as never)]), h('footer', ['</article> as text'])]),
      ]),
    ],
  }) as never

  it('serialises the page as toHtml does and its search document as the tree path does, byte for byte', () => {
    const bodies = [
      [h('h1', ['Title & more']), raw('<p>body with <article>nested</article> and &amp; entities</p>')],
      [h('p', ['plain English only'])],
      [raw('<p>全文検索は日本語でも動きます</p>')],
      [],
    ]
    for (const lang of ['en', 'de', 'ja', 'zh-Hans']) {
      for (const body of bodies) {
        const tree = page(body)
        const { html, search } = notePageHtml(site(lang), tree)
        expect(html).toBe(toHtml(tree, { allowDangerousHtml: true }))
        expect(search).toBe(searchDocumentOfTree(site(lang), tree))
        expect(search).toMatch(/^<!doctype html><html lang="[^"]+"><head><meta charset="utf-8"><\/head><body><article/)
      }
    }
    // CJK runs in a language Pagefind does not segment are split (aliases included); in Japanese they are left to Pagefind.
    expect(notePageHtml(site('en'), page(bodies[2])).search).toContain('全文 検索 は')
    expect(notePageHtml(site('en'), page(bodies[2])).search).toContain('Alias 東京')
    expect(notePageHtml(site('ja'), page(bodies[2])).search).toContain('全文検索は')
  })

  it('has no search document for a page without an article', () => {
    const tree = { type: 'root', children: [h('p', ['no article'])] } as never
    expect(notePageHtml(site('en'), tree)).toEqual({ html: '<p>no article</p>' })
  })
})
