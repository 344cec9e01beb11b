import { describe, it, expect, afterEach, beforeAll, afterAll } from 'vitest'
import { gunzipSync } from 'node:zlib'
import { appendFile, rm } from 'node:fs/promises'
import path from 'node:path'
import { buildVault, writeVault, type BuiltVault } from '../helpers/build-vault.js'
import { hasCjk, segmentCjk, searchIndexStats, searchShardOf, searchShardOrder, shardCount } from '../../src/emit/search-index.js'
import { BuildSession } from '../../src/incremental/session.js'
import { planShards, shardKey } from '../../src/emit/search-shards.js'
import { build } from '../../src/build.js'
import { validateConfig, DEFAULT_CONFIG } from '../../src/config.js'
import { MemorySink } from '../../src/output/sink.js'
import { emptyCache, type CacheData } from '../../src/cache/build-cache.js'

let v: BuiltVault | undefined
afterEach(async () => {
  await v?.cleanup()
  v = undefined
})

/** The decoded Pagefind fragments (one per indexed page) of the shard in `dir`: url, content, meta. */
function fragments(v: { sink: MemorySink }, dir = ''): Array<{ url: string; content: string; meta: Record<string, string> }> {
  return [...v.sink.files.entries()]
    .filter(([f]) => f.startsWith(`_grove/pagefind/${dir}fragment/`))
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
    // Astral Han (U+2000B) and text with Latin accents only.
    expect(segmentCjk('𠀋𠀋 x')).toBe('𠀋 𠀋 x')
    expect(segmentCjk('Straße café Ñandú')).toBe('Straße café Ñandú')
  })

  it('finds CJK text past a range check, exactly as the script classes do, at every code point', () => {
    const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u
    const differ: number[] = []
    // Every BMP code point, and the astral planes where Han and Kana live (as surrogate pairs).
    for (let c = 0; c <= 0x3ffff; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue
      if (c > 0xffff && c < 0x1b000) c = 0x1b000
      const ch = String.fromCodePoint(c)
      if (hasCjk(ch) !== cjk.test(ch)) differ.push(c)
    }
    expect(differ).toEqual([])
    expect(hasCjk('plain text, Straße café')).toBe(false)
    expect(hasCjk('a 漢字かなカナ b')).toBe(true)
  })
})

describe('search shards', () => {
  it('keeps one index up to 80 pages, then about one shard per 60 pages, at most 64', () => {
    expect([0, 1, 60, 80].map((n) => shardCount(n))).toEqual([1, 1, 1, 1])
    expect([81, 300, 1000, 10_000, 1_000_000].map((n) => shardCount(n))).toEqual([2, 5, 17, 64, 64])
    expect(shardCount(7, 2)).toBe(4)
  })

  it('puts a page in a stable shard from its output path alone, spread evenly', () => {
    expect(searchShardOf('notes/a.html', 1)).toBe(0)
    expect(searchShardOf('notes/a.html', 7)).toBe(searchShardOf('notes/a.html', 7))
    const counts = new Array(7).fill(0)
    for (let i = 0; i < 7000; i++) counts[searchShardOf(`f${i % 13}/note-${i}.html`, 7)]++
    for (const c of counts) expect(c).toBeGreaterThan(850)
    for (const c of counts) expect(c).toBeLessThan(1150)
  })

  it('keys a shard by its pages and their doc hashes, in any order', () => {
    const a = shardKey(false, [['a.html', '1'], ['b.html', '2']])
    expect(shardKey(false, [['b.html', '2'], ['a.html', '1']])).toBe(a)
    expect(shardKey(false, [['a.html', '1'], ['b.html', '3']])).not.toBe(a)
    expect(shardKey(true, [['a.html', '1'], ['b.html', '2']])).not.toBe(a)
  })

  it('plans sorted shards that cover every page once', () => {
    const outputs = Array.from({ length: 500 }, (_, i) => `n${i}.html`)
    const plan = planShards(outputs)
    expect(plan.length).toBe(shardCount(500))
    expect(plan.flat().sort()).toEqual([...outputs].sort())
    plan.forEach((s, i) => s.forEach((o) => expect(searchShardOf(o, plan.length)).toBe(i)))
  })
})

describe('sharded search index (shard size lowered to 8 pages)', () => {
  const NOTES = 40
  let dir: string
  const files: Record<string, string> = {}
  for (let i = 0; i < NOTES; i++) files[`n/note-${i}.md`] = `Body of note ${i} with word${i}x and a shared word shardtest.`
  let env: string | undefined
  beforeAll(async () => {
    env = process.env.GROVE_SEARCH_SHARD_PAGES
    process.env.GROVE_SEARCH_SHARD_PAGES = '8'
    dir = await writeVault(files)
  })
  afterAll(async () => {
    if (env === undefined) delete process.env.GROVE_SEARCH_SHARD_PAGES
    else process.env.GROVE_SEARCH_SHARD_PAGES = env
    await rm(dir, { recursive: true, force: true })
  })
  const run = async (cache?: CacheData) => {
    const sink = new MemorySink()
    const result = await build({ vaultDir: dir, config: validateConfig({}, DEFAULT_CONFIG, 'test'), sink, cache })
    return { sink, result, stats: searchIndexStats(result.site) }
  }
  const searchFiles = (sink: MemorySink) => new Map([...sink.files].filter(([f]) => f.startsWith('_grove/pagefind/')))

  it('indexes every page in exactly one shard, the one searchShardOf names, and lists the others for the client', async () => {
    const { sink, stats } = await run()
    const n = shardCount(NOTES)
    expect(n).toBe(5)
    expect(stats).toEqual({ shards: n, reindexed: [0, 1, 2, 3, 4], laidOut: 0 })
    const dirs = ['', ...JSON.parse(sink.text('_grove/pagefind/shards.json') as string).merge]
    expect(dirs).toEqual(['', 's1/', 's2/', 's3/', 's4/'])
    const seen = new Map<string, number>()
    dirs.forEach((d, i) => {
      const frags = fragments({ sink }, d)
      expect(frags.length).toBeGreaterThan(0)
      for (const f of frags) {
        expect(seen.has(f.url)).toBe(false)
        seen.set(f.url, i)
        expect(searchShardOf(f.url.slice(1), n)).toBe(i)
      }
    })
    expect([...seen.keys()].sort()).toEqual(Array.from({ length: NOTES }, (_, i) => `/n/note-${i}.html`).sort())
    // Merged shards carry their index data only; the JS and WebAssembly live in the primary.
    expect(sink.files.has('_grove/pagefind/pagefind.js')).toBe(true)
    expect([...sink.files.keys()].filter((f) => f.startsWith('_grove/pagefind/s1/') && /\.js$|wasm/.test(f))).toEqual([])
    expect(sink.files.has('_grove/pagefind/s1/pagefind-entry.json')).toBe(true)
  })

  it('re-runs Pagefind for the edited note\'s shard only, and writes what a cold build writes', async () => {
    const cache = emptyCache('')
    const first = await run(cache)
    expect(first.stats?.reindexed.length).toBe(5)
    expect([...cache.memo.keys()].filter((k) => k.startsWith('search-index')).sort()).toEqual([0, 1, 2, 3, 4].map((i) => `search-index:${i}`))
    const unchanged = await run(cache)
    expect(unchanged.stats?.reindexed).toEqual([])
    expect(searchFiles(unchanged.sink)).toEqual(searchFiles(first.sink))

    await appendFile(path.join(dir, 'n/note-7.md'), '\nAn added line with zyzzyva.\n')
    try {
      const warm = await run(cache)
      expect(warm.stats?.reindexed).toEqual([searchShardOf('n/note-7.html', 5)])
      const cold = await run()
      expect(searchFiles(warm.sink)).toEqual(searchFiles(cold.sink))
      const shard = searchShardOf('n/note-7.html', 5)
      expect(JSON.stringify(fragments(warm, shard ? `s${shard}/` : ''))).toContain('zyzzyva')
      // Pagefind itself is deterministic: two cold builds agree byte for byte.
      expect(searchFiles((await run()).sink)).toEqual(searchFiles(cold.sink))
    } finally {
      await writeVault({ 'n/note-7.md': files['n/note-7.md'] }, dir)
    }
  })

  it('lays out and indexes the edited page\'s shard first in a body-only update, and ends where a cold build does', async () => {
    // The note in the last shard, so putting its shard first changes the order.
    const i = Array.from({ length: NOTES }, (_, k) => k).find((k) => searchShardOf(`n/note-${k}.html`, 5) === 4) as number
    const session = new BuildSession(dir, validateConfig({}, DEFAULT_CONFIG, 'test'))
    await session.update([], { withSearch: true })
    expect(searchShardOrder(session.last!.site)).toEqual([0, 1, 2, 3, 4])
    await appendFile(path.join(dir, `n/note-${i}.md`), '\nAn added line with quixotry.\n')
    try {
      await session.update([{ path: `n/note-${i}.md`, kind: 'change' }])
      expect(session.last?.bodyOnly).toBe(true)
      expect(searchShardOrder(session.last!.site)).toEqual([4, 0, 1, 2, 3])
      // The note pages went out in that order: the first one written is from shard 4.
      const firstPage = [...session.files.keys()].find((f) => /^n\/note-\d+\.html$/.test(f)) as string
      expect(searchShardOf(firstPage, 5)).toBe(4)
      await session.finishSearch()
      const cold = await run()
      expect(new Map([...session.files].filter(([f]) => f.startsWith('_grove/pagefind/')))).toEqual(searchFiles(cold.sink))
      expect(JSON.stringify(fragments({ sink: Object.assign(new MemorySink(), { files: session.files }) }, 's4/'))).toContain('quixotry')
    } finally {
      await writeVault({ [`n/note-${i}.md`]: files[`n/note-${i}.md`] }, dir)
    }
  })
})
