/**
 * Body-only builds (src/cache/build-shape.ts): after a committed build, an edit that changes only
 * note bodies renders the edited notes and their (transitive) embedders, and carries every other
 * page and every file of the index-only emitters over from the last build. Whatever is carried,
 * the site must be byte for byte what a fresh build without a cache writes.
 */
import { describe, it, expect, beforeAll, afterAll, beforeEach, afterEach } from 'vitest'
import { mkdtemp, mkdir, rm, writeFile, unlink, readdir, readFile, stat, utimes } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { build, type BuildResult } from '../../src/build.js'
import { DEFAULT_CONFIG, validateConfig, type SiteConfig } from '../../src/config.js'
import { MemorySink, FsSink } from '../../src/output/sink.js'
import { BuildSession } from '../../src/incremental/session.js'
import { searchShardOf } from '../../src/emit/search-index.js'
import { emptyCache, type CacheData } from '../../src/cache/build-cache.js'
import { writeVault } from '../helpers/build-vault.js'
import { readTree, freshBuild, expectSameFiles, expectFreshSite, useSearchShardPages } from '../helpers/site-folder.js'

// baseUrl so that sitemap.xml is written too (it is one of the carried files).
const config: SiteConfig = validateConfig({ baseUrl: 'https://example.org' }, DEFAULT_CONFIG)

const PIC = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 1, 2, 3, 4])
const COVER = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 5, 6, 7, 8])
const B = (body: string, title = 'Bee') => `---\ntitle: ${title}\n---\n## Part\n\n${body}`
const VAULT = {
  'a.md': '# A\n\nLinks to [[b]] and [[Missing]].',
  'b.md': B('b body'),
  'c.md': 'embeds ![[b#Part]]',
  'd.md': '---\naliases: [old/dee]\n---\nunrelated #tag ![[pic.png]]',
  'e.md': 'E embeds ![[c]]',
  'sub/f.md': '---\nimage: cover.png\n---\nF in sub #subtag',
  'pic.png': PIC,
  'cover.png': COVER,
}

let vault: string
let work: string
let outDir: string
let cacheDir: string

/** Edits keep mtimes moving forward (and in the past) so the stat check notices them and they are not racily clean. */
let clock = Date.now() / 1000 - 3600
async function edit(rel: string, content: string | Uint8Array) {
  await writeVault({ [rel]: content }, vault)
  clock += 10
  await utimes(path.join(vault, rel), clock, clock)
}

async function buildInto(out = outDir, extra: { failOn?: (d: unknown[]) => boolean } = {}): Promise<BuildResult> {
  return build({ vaultDir: vault, config, sink: new FsSink(out), outDir: out, cacheDir, ...extra })
}

const fresh = () => freshBuild(vault, config)

/** outDir equals a fresh build of the vault byte for byte, and the build's diagnostics are the fresh build's. */
const expectFresh = (result: BuildResult, label = '', out = outDir) => expectFreshSite(result, vault, config, out, label)

async function statsOf(files: string[], out = outDir) {
  const m = new Map<string, { ino: number; mtimeMs: number }>()
  for (const f of files) {
    const s = await stat(path.join(out, f))
    m.set(f, { ino: s.ino, mtimeMs: s.mtimeMs })
  }
  return m
}

// Six note pages in three search shards: a body edit of b.md changes shards 0 and 1 (b, c, e), not 2 (a, sub/f).
useSearchShardPages(2)

beforeEach(async () => {
  vault = await writeVault(VAULT)
  for (const f of Object.keys(VAULT)) await utimes(path.join(vault, f), clock, clock)
  work = await mkdtemp(path.join(tmpdir(), 'grove-body-only-'))
  outDir = path.join(work, 'site')
  cacheDir = path.join(work, 'cache')
})
afterEach(async () => {
  await rm(vault, { recursive: true, force: true })
  await rm(work, { recursive: true, force: true })
})

describe('body-only build into a folder', () => {
  it('renders only the edited note and its embedders, carries the rest (same inode and mtime), and equals a fresh build', async () => {
    const cold = await buildInto()
    expect(cold.bodyOnly).toBe(false)
    expect(cold.rendered).toEqual(['a.md', 'b.md', 'c.md', 'd.md', 'e.md', 'sub/f.md'])
    await expectFresh(cold, 'cold')
    // The search index has several shards, and shard 2 holds none of the pages the edit touches.
    expect(JSON.parse(await readFile(path.join(outDir, '_grove/pagefind/shards.json'), 'utf8')).merge).toEqual(['s1/', 's2/'])
    expect(['a.html', 'sub/f.html'].map((o) => searchShardOf(o, 3))).toEqual([2, 2])
    expect(['b.html', 'c.html', 'e.html'].map((o) => searchShardOf(o, 3))).not.toContain(2)

    const carried = ['a.html', 'd.html', 'sub/f.html', 'tags/tag.html', 'tags/subtag.html', 'tags/index.html', 'sub/index.html', 'index.html',
      'sitemap.xml', 'robots.txt', '_grove/graph.json', 'graph.html', '_grove/explorer.json', 'pic.png', 'cover.png', 'old/dee.html', '404.html']
    const shard2 = [...(await readTree(path.join(outDir, '_grove/pagefind/s2'))).keys()].map((f) => `_grove/pagefind/s2/${f}`)
    expect(shard2.length).toBeGreaterThan(0)
    const before = await statsOf([...carried, ...shard2])
    const oldB = await readFile(path.join(outDir, 'b.html'), 'utf8')

    await edit('b.md', B('b body, edited with zyzzyva'))
    const warm = await buildInto()
    expect(warm.committed).toBe(true)
    expect(warm.bodyOnly).toBe(true)
    expect(warm.parsedNotes).toEqual(['b.md'])
    expect(warm.rendered).toEqual(['b.md', 'c.md', 'e.md'])
    await expectFresh(warm, 'body-only')
    for (const page of ['b.html', 'c.html', 'e.html']) expect(await readFile(path.join(outDir, page), 'utf8'), page).toContain('zyzzyva')
    expect(await readFile(path.join(outDir, 'b.html'), 'utf8')).not.toBe(oldB)
    // Every carried file is the last build's file: hard-linked, not written again.
    expect(await statsOf([...carried, ...shard2])).toEqual(before)
    // The index-only emitters report the files they carried.
    expect(warm.emitted.get('tag-pages')?.slice().sort()).toEqual(['tags/index.html', 'tags/subtag.html', 'tags/tag.html'])
    expect(warm.emitted.get('sitemap')?.slice().sort()).toEqual(['robots.txt', 'sitemap.xml'])
    expect(warm.emitted.get('note-pages')?.slice().sort()).toEqual(['a.html', 'b.html', 'c.html', 'd.html', 'e.html', 'sub/f.html'])
    expect(warm.pages).toBe(cold.pages)

    // A second body edit in a row is body-only again (the body-only build recorded its shape).
    await edit('b.md', B('b body, edited twice'))
    const again = await buildInto()
    expect(again.bodyOnly).toBe(true)
    expect(again.rendered).toEqual(['b.md', 'c.md', 'e.md'])
    await expectFresh(again, 'second body-only')
    expect(await statsOf(carried)).toEqual(new Map([...before].filter(([f]) => carried.includes(f))))

    // A body edit of a note nothing embeds renders that note alone.
    await edit('d.md', '---\naliases: [old/dee]\n---\nunrelated, reworded #tag ![[pic.png]]')
    const d = await buildInto()
    expect(d.bodyOnly).toBe(true)
    expect(d.rendered).toEqual(['d.md'])
    await expectFresh(d, 'body edit of d')
  })

  it('handles a no-op build, a body edit that adds math and code, and a body edit of a draft', async () => {
    await edit('draft.md', '---\ndraft: true\n---\nnot published')
    await buildInto()
    const before = await statsOf(['a.html', 'b.html', 'tags/tag.html', 'sitemap.xml'])
    const noop = await buildInto()
    // Nothing changed: a body-only build with no edited note, everything carried.
    expect(noop.bodyOnly).toBe(true)
    expect(await statsOf(['a.html', 'b.html', 'tags/tag.html', 'sitemap.xml'])).toEqual(before)
    expect(noop.rendered).toEqual([])
    expect(noop.parsedNotes).toEqual([])
    await expectFresh(noop, 'no-op')

    // New render features (KaTeX styles and fonts, the syntax script) come from the theme assets, which always run.
    await edit('b.md', B('b body with $x^2$ math\n\n```js\nconst x = 1\n```'))
    const math = await buildInto()
    expect(math.bodyOnly).toBe(true)
    expect(math.rendered).toEqual(['b.md', 'c.md', 'e.md'])
    await expectFresh(math, 'math added')
    expect((await readTree(outDir)).has('_grove/katex/katex.min.css')).toBe(true)
    await edit('b.md', B('b body without math'))
    const plain = await buildInto()
    expect(plain.bodyOnly).toBe(true)
    await expectFresh(plain, 'math removed')
    expect((await readTree(outDir)).has('_grove/katex/katex.min.css')).toBe(false)

    await edit('draft.md', '---\ndraft: true\n---\nstill not published, reworded')
    const draft = await buildInto()
    expect(draft.bodyOnly).toBe(true)
    expect(draft.rendered).toEqual([])
    await expectFresh(draft, 'draft edited')
  })

  it('carries the feeds unless one of their items was edited', async () => {
    // Dated notes make feeds: the site's and the `news` folder's.
    await edit('news/n1.md', '---\ndate: 2026-11-01\n---\nfirst news')
    await edit('news/n2.md', '---\ndate: 2026-11-02\n---\nsecond news')
    await buildInto()
    const feeds = ['feed.xml', 'atom.xml', 'news/feed.xml', 'news/atom.xml']
    const before = await statsOf(feeds)
    // d.md is in no feed: the feeds are carried over as they are.
    await edit('d.md', '---\naliases: [old/dee]\n---\nunrelated #tag ![[pic.png]] reworded')
    const other = await buildInto()
    expect(other.bodyOnly).toBe(true)
    expect(await statsOf(feeds)).toEqual(before)
    await expectFresh(other, 'edit outside the feeds')
    // n1.md is an item of both feeds: they carry its new text.
    await edit('news/n1.md', '---\ndate: 2026-11-01\n---\nfirst news, corrected')
    const item = await buildInto()
    expect(item.bodyOnly).toBe(true)
    expect(item.rendered).toEqual(['news/n1.md'])
    await expectFresh(item, 'edit of a feed item')
    for (const f of feeds) expect(await readFile(path.join(outDir, f), 'utf8'), f).toContain('first news, corrected')
  })

  it('renders every note of an embed cycle, and the embedders of a draft are not affected by its body', async () => {
    await edit('x.md', 'X says old and embeds ![[y]]')
    await edit('y.md', 'Y embeds ![[x]]')
    await edit('z.md', 'Z embeds ![[y]]')
    await edit('dr.md', '---\ndraft: true\n---\ndraft text')
    await edit('w.md', 'W embeds ![[dr]]')
    await buildInto()
    await edit('x.md', 'X says new and embeds ![[y]]')
    const r = await buildInto()
    expect(r.bodyOnly).toBe(true)
    expect(r.rendered).toEqual(['x.md', 'y.md', 'z.md'])
    await expectFresh(r, 'cycle')
    for (const page of ['x.html', 'y.html', 'z.html']) expect(await readFile(path.join(outDir, page), 'utf8'), page).toContain('X says new')
    await edit('dr.md', '---\ndraft: true\n---\ndraft text, edited')
    const d = await buildInto()
    expect(d.bodyOnly).toBe(true)
    expect(d.rendered).toEqual([])
    await expectFresh(d, 'draft edited')
  })

  it('is an ordinary build when the title, links, headings, tags or block ids change', async () => {
    await buildInto()
    const cases: Array<[string, string, (r: BuildResult) => Promise<void>]> = [
      ['title', B('b body', 'Renamed Bee'), async () => {
        // a.md links to b: its link text is b's title.
        expect(await readFile(path.join(outDir, 'a.html'), 'utf8')).toContain('Renamed Bee')
      }],
      ['added link', B('b body and [[d]]', 'Renamed Bee'), async () => {
        expect(await readFile(path.join(outDir, 'd.html'), 'utf8')).toContain('Renamed Bee')
      }],
      ['added heading', B('b body and [[d]]\n\n## Extra\n\nmore', 'Renamed Bee'), async () => {
        expect(await readFile(path.join(outDir, 'b.html'), 'utf8')).toContain('Extra')
      }],
      ['added tag', B('b body and [[d]] #newtag\n\n## Extra\n\nmore', 'Renamed Bee'), async () => {
        expect(await readFile(path.join(outDir, 'tags/newtag.html'), 'utf8')).toContain('Renamed Bee')
      }],
      ['added block id', B('b body and [[d]] #newtag ^blk\n\n## Extra\n\nmore', 'Renamed Bee'), async () => {}],
      ['moved link target', B('b body and [[a]] #newtag ^blk\n\n## Extra\n\nmore', 'Renamed Bee'), async () => {
        expect(await readFile(path.join(outDir, 'd.html'), 'utf8')).not.toContain('Renamed Bee')
      }],
      ['changed front matter property', '---\ntitle: Renamed Bee\ndescription: about bees\n---\n## Part\n\nb body and [[a]] #newtag ^blk\n\n## Extra\n\nmore', async () => {}],
    ]
    for (const [label, text, check] of cases) {
      await edit('b.md', text)
      const r = await buildInto()
      expect(r.bodyOnly, label).toBe(false)
      await expectFresh(r, label)
      await check(r)
    }
    // After those ordinary builds, a body edit is body-only again.
    await edit('b.md', '---\ntitle: Renamed Bee\ndescription: about bees\n---\n## Part\n\nnew words and [[a]] #newtag ^blk\n\n## Extra\n\nmore')
    const r = await buildInto()
    expect(r.bodyOnly).toBe(true)
    await expectFresh(r, 'body edit after')
  })

  it('is an ordinary build when a note is added or deleted or an attachment changes', async () => {
    await buildInto()
    await edit('Missing.md', 'now here')
    let r = await buildInto()
    expect(r.bodyOnly).toBe(false)
    await expectFresh(r, 'note added')
    expect(await readFile(path.join(outDir, 'a.html'), 'utf8')).toContain('missing.html')

    await unlink(path.join(vault, 'e.md'))
    r = await buildInto()
    expect(r.bodyOnly).toBe(false)
    await expectFresh(r, 'note deleted')
    expect((await readTree(outDir)).has('e.html')).toBe(false)

    await edit('pic.png', new Uint8Array([...PIC, 99]))
    r = await buildInto()
    expect(r.bodyOnly).toBe(false)
    await expectFresh(r, 'attachment changed')
    expect([...(await readFile(path.join(outDir, 'pic.png')))]).toEqual([...PIC, 99])

    // Same size, new bytes and mtime: the social image of sub/f.md.
    await edit('cover.png', new Uint8Array([...COVER.slice(0, -1), 42]))
    r = await buildInto()
    expect(r.bodyOnly).toBe(false)
    await expectFresh(r, 'social image changed')

    // An attachment nobody uses appears.
    await edit('unused.png', PIC)
    r = await buildInto()
    expect(r.bodyOnly).toBe(false)
    await expectFresh(r, 'attachment added')

    // And a note moved to another folder (same count of notes, other paths).
    await unlink(path.join(vault, 'sub/f.md'))
    await edit('sub/g.md', '---\nimage: cover.png\n---\nF in sub #subtag')
    r = await buildInto()
    expect(r.bodyOnly).toBe(false)
    await expectFresh(r, 'note renamed')
  })

  it('produces a carried file again when it was deleted or changed in the output folder', async () => {
    await buildInto()
    const file = (f: string) => path.join(outDir, f)
    const firstIn = async (dir: string, re: RegExp) => {
      const f = [...(await readTree(file(dir))).keys()].sort().find((x) => re.test(x))
      if (!f) throw new Error(`no ${re} in ${dir}`)
      return `${dir}/${f}`
    }
    /** Same size, other bytes, another mtime. */
    const sameSize = async (f: string) => {
      const data = await readFile(file(f))
      const s = await stat(file(f))
      const bytes = Buffer.from(data)
      bytes[Math.floor(bytes.length / 2)] ^= 0x01
      await writeFile(file(f), bytes)
      await utimes(file(f), s.atimeMs / 1000, s.mtimeMs / 1000 - 100)
    }
    const otherSize = async (f: string) => writeFile(file(f), 'tampered')
    const remove = async (f: string) => unlink(file(f))
    const cases: Array<[string, () => Promise<void>]> = [
      ['deleted tag page', () => remove('tags/tag.html')],
      ['same-size folder page', () => sameSize('sub/index.html')],
      ['other-size sitemap', () => otherSize('sitemap.xml')],
      ['same-size graph data', () => sameSize('_grove/graph.json')],
      ['deleted explorer data', () => remove('_grove/explorer.json')],
      ['deleted note page', () => remove('a.html')],
      ['same-size note page', () => sameSize('d.html')],
      ['other-size note page', () => otherSize('sub/f.html')],
      ['deleted attachment', () => remove('pic.png')],
      ['same-size social image', () => sameSize('cover.png')],
      ['deleted redirect', () => remove('old/dee.html')],
      ['same-size 404 page', () => sameSize('404.html')],
      ['deleted home page and other-size robots.txt', async () => {
        await remove('index.html')
        await otherSize('robots.txt')
      }],
      ['deleted search fragment of an unchanged shard', async () => remove(await firstIn('_grove/pagefind/s2', /^fragment\//))],
      ['same-size search entry of an unchanged shard', () => sameSize('_grove/pagefind/s2/pagefind-entry.json')],
      ['other-size search index file of an unchanged shard', async () => otherSize(await firstIn('_grove/pagefind/s2', /^index\//))],
      ['deleted search meta of the primary', async () => remove(await firstIn('_grove/pagefind', /^pagefind\..*pf_meta$/))],
      ['other-size pagefind.js', () => otherSize('_grove/pagefind/pagefind.js')],
      ['deleted shards manifest', () => remove('_grove/pagefind/shards.json')],
      ['stray file added', () => writeFile(file('stray.html'), 'x')],
      ['a folder in place of a carried page', async () => {
        await remove('tags/subtag.html')
        await mkdir(file('tags/subtag.html'))
      }],
      ['deleted search folder', () => rm(file('_grove/pagefind'), { recursive: true })],
      ['deleted output folder', () => rm(outDir, { recursive: true })],
    ]
    let n = 0
    for (const [label, tamper] of cases) {
      await tamper()
      await edit('b.md', B(`b body, round ${n++}`))
      const r = await buildInto()
      expect(r.bodyOnly, label).toBe(true)
      expect(r.rendered, label).toEqual(['b.md', 'c.md', 'e.md'])
      await expectFresh(r, label)
    }
    // An edit of a.md alone leaves the primary search shard (0: c, d) unchanged: its lost files are indexed again.
    expect(searchShardOf('a.html', 3)).toBe(2)
    const primary: Array<[string, () => Promise<void>]> = [
      ['other-size pagefind.js of an unchanged primary', () => otherSize('_grove/pagefind/pagefind.js')],
      ['deleted wasm of an unchanged primary', () => remove('_grove/pagefind/wasm.en.pagefind')],
      ['same-size fragment of an unchanged primary', async () => sameSize(await firstIn('_grove/pagefind', /^fragment\//))],
    ]
    for (const [label, tamper] of primary) {
      await tamper()
      await edit('a.md', `# A\n\nLinks to [[b]] and [[Missing]], round ${n++}.`)
      const r = await buildInto()
      expect(r.bodyOnly, label).toBe(true)
      expect(r.rendered, label).toEqual(['a.md'])
      await expectFresh(r, label)
    }
  })

  it('never carries from a build that was not committed, nor into another folder', async () => {
    await buildInto()
    const goodA = await readFile(path.join(outDir, 'a.html'), 'utf8')
    // Rejected: the cache now has the new title, the folder still has the old pages.
    await edit('b.md', B('b body', 'Renamed Bee'))
    const rejected = await buildInto(outDir, { failOn: () => true })
    expect(rejected.committed).toBe(false)
    expect(await readFile(path.join(outDir, 'a.html'), 'utf8')).toBe(goodA)
    await edit('b.md', B('b body, then edited', 'Renamed Bee'))
    const next = await buildInto()
    expect(next.bodyOnly).toBe(false)
    await expectFresh(next, 'after a rejected build')
    expect(await readFile(path.join(outDir, 'a.html'), 'utf8')).toContain('Renamed Bee')

    // A rejected body-only build: the one after it cannot carry from it either.
    await edit('b.md', B('b body, rejected edit', 'Renamed Bee'))
    const rejectedBody = await buildInto(outDir, { failOn: () => true })
    expect(rejectedBody.committed).toBe(false)
    expect(rejectedBody.bodyOnly).toBe(true)
    await edit('b.md', B('b body, accepted edit', 'Renamed Bee'))
    const accepted = await buildInto()
    expect(accepted.bodyOnly).toBe(false)
    await expectFresh(accepted, 'after a rejected body-only build')

    // The same cache, another output folder: nothing there to carry.
    const other = path.join(work, 'other')
    await edit('b.md', B('b body, into another folder', 'Renamed Bee'))
    const moved = await buildInto(other)
    expect(moved.bodyOnly).toBe(false)
    await expectFresh(moved, 'other folder', other)
    // And back into the first folder, which now holds an older site than the cache describes.
    await edit('b.md', B('b body, back home', 'Renamed Bee'))
    const back = await buildInto(outDir)
    expect(back.bodyOnly).toBe(false)
    await expectFresh(back, 'back into the first folder')

    // Another config: the cache (and its shape) is not this build's.
    await edit('b.md', B('b body, other config', 'Renamed Bee'))
    const otherConfig = validateConfig({ baseUrl: 'https://example.org/other', title: 'Other title' }, DEFAULT_CONFIG)
    const configured = await build({ vaultDir: vault, config: otherConfig, sink: new FsSink(outDir), outDir, cacheDir })
    expect(configured.bodyOnly).toBe(false)
    const refSink = new MemorySink()
    await build({ vaultDir: vault, config: otherConfig, sink: refSink })
    expectSameFiles(await readTree(outDir), new Map([...refSink.files].map(([f, d]) => [f, Buffer.from(d as never)])), 'other config')
    // And back to the first config.
    await edit('b.md', B('b body, first config', 'Renamed Bee'))
    const reconfigured = await buildInto()
    expect(reconfigured.bodyOnly).toBe(false)
    await expectFresh(reconfigured, 'first config again')

    // The cache folder is gone.
    await rm(cacheDir, { recursive: true })
    await edit('b.md', B('b body, no cache', 'Renamed Bee'))
    const uncached = await buildInto()
    expect(uncached.bodyOnly).toBe(false)
    await expectFresh(uncached, 'cache deleted')

    // A MemorySink without previous files cannot carry, with or without a cache.
    await edit('b.md', B('b body, in memory', 'Renamed Bee'))
    const mem = await build({ vaultDir: vault, config, sink: new MemorySink(), cacheDir })
    expect(mem.bodyOnly).toBe(false)
    await edit('b.md', B('b body, in memory again', 'Renamed Bee'))
    const mem2 = await build({ vaultDir: vault, config, sink: new MemorySink(), cacheDir })
    expect(mem2.bodyOnly).toBe(false)
    // And the folder build after those memory builds does not carry from them.
    await edit('b.md', B('b body, to disk again', 'Renamed Bee'))
    const disk = await buildInto(outDir)
    expect(disk.bodyOnly).toBe(false)
    await expectFresh(disk, 'folder build after memory builds')
  })

  it('reports the diagnostics of a fresh build, with positions moved by the body edit', async () => {
    const cold = await buildInto()
    const at = (r: BuildResult) => r.diagnostics.filter((d) => d.ruleId === 'unresolved-link').map((d) => `${d.file}:${d.line}:${d.column}`)
    expect(at(cold)).toEqual(['a.md:3:20'])
    await edit('a.md', '# A\n\nA new first paragraph.\n\nAnd then:   Links to [[b]] and [[Missing]].')
    const warm = await buildInto()
    expect(warm.bodyOnly).toBe(true)
    expect(warm.rendered).toEqual(['a.md'])
    await expectFresh(warm, 'moved broken link')
    expect(at(warm)).toEqual(['a.md:5:32'])
    // A body edit elsewhere keeps a.md's diagnostics as they are.
    await edit('b.md', B('b body, unrelated edit'))
    const other = await buildInto()
    expect(other.bodyOnly).toBe(true)
    await expectFresh(other, 'unrelated edit')
    expect(at(other)).toEqual(['a.md:5:32'])
  })
})

describe('body-only builds with an in-memory cache', () => {
  const memBuild = async (cache: CacheData, previous: ReadonlyMap<string, string | Uint8Array>, failCommit = false) => {
    const sink = new MemorySink()
    sink.previous = previous
    if (failCommit) sink.commit = async () => { throw new Error('disk full') }
    const result = await build({ vaultDir: vault, config, sink, cache })
    return { result, sink }
  }

  it('takes over the previous files, and produces again the ones the previous files lack', async () => {
    const cache = emptyCache('')
    const first = await memBuild(cache, new Map())
    await edit('b.md', B('b body, edited in memory'))
    // The previous site lacks a tag page, a folder page, a note page and the graph data.
    const lacking = new Map([...first.sink.files].filter(([f]) => !['tags/tag.html', 'sub/index.html', 'd.html', '_grove/graph.json'].includes(f)))
    const warm = await memBuild(cache, lacking)
    expect(warm.result.bodyOnly).toBe(true)
    expect(warm.result.rendered).toEqual(['b.md', 'c.md', 'e.md'])
    expectSameFiles(warm.sink.files, (await fresh()).files, 'in memory, lacking files')
  })

  it('never carries from a build that threw half-way', async () => {
    const cache = emptyCache('')
    const first = await memBuild(cache, new Map())
    // The title change reaches the cache's summaries, then the commit fails.
    await edit('b.md', B('b body', 'Renamed Bee'))
    await expect(memBuild(cache, first.sink.files, true)).rejects.toThrow(/disk full/)
    await edit('b.md', B('b body, edited after the failure', 'Renamed Bee'))
    const next = await memBuild(cache, first.sink.files)
    expect(next.result.bodyOnly).toBe(false)
    expect(next.sink.text('a.html')).toContain('Renamed Bee')
    expectSameFiles(next.sink.files, (await fresh()).files, 'after a build that threw')
  })
})

describe('body-only updates of a BuildSession', () => {
  async function expectSessionFresh(s: BuildSession, label: string) {
    await s.finishSearch()
    const ref = await fresh()
    expectSameFiles(s.files, ref.files, label)
    expect(s.last?.diagnostics, `${label} diagnostics`).toEqual(ref.result.diagnostics)
  }

  it('carries unchanged pages in memory and always matches a fresh build', async () => {
    const s = new BuildSession(vault, config)
    await s.update([], { withSearch: true })
    expect(s.last?.bodyOnly).toBe(false)
    await expectSessionFresh(s, 'first update')
    const aBefore = s.files.get('a.html')

    await edit('b.md', B('b body, edited in the session'))
    await s.update([{ path: 'b.md', kind: 'change' }])
    expect(s.last?.bodyOnly).toBe(true)
    expect(s.last?.rendered).toEqual(['b.md', 'c.md', 'e.md'])
    // Carried: the very same value as before.
    expect(s.files.get('a.html')).toBe(aBefore)
    await expectSessionFresh(s, 'body edit')

    await edit('b.md', B('b body', 'Renamed Bee'))
    await s.update([{ path: 'b.md', kind: 'change' }])
    expect(s.last?.bodyOnly).toBe(false)
    await expectSessionFresh(s, 'title edit')

    await edit('Missing.md', 'here now')
    await s.update([{ path: 'Missing.md', kind: 'add' }])
    expect(s.last?.bodyOnly).toBe(false)
    await expectSessionFresh(s, 'note added')
    expect(Buffer.from(s.files.get('a.html') as never).toString()).toContain('missing.html')

    // A new file reported as a change: the session walks the vault instead of trusting its last discovery.
    await edit('g.md', 'G is new and links to [[a]]')
    await s.update([{ path: 'g.md', kind: 'change' }])
    expect(s.last?.bodyOnly).toBe(false)
    expect(s.files.has('g.html')).toBe(true)
    await expectSessionFresh(s, 'new file reported as change')

    await unlink(path.join(vault, 'e.md'))
    await s.update([{ path: 'e.md', kind: 'unlink' }])
    expect(s.last?.bodyOnly).toBe(false)
    expect(s.files.has('e.html')).toBe(false)
    await expectSessionFresh(s, 'note deleted')

    // An attachment edit reported as a change: the last discovery with new stats, not body-only.
    await edit('pic.png', new Uint8Array([...PIC, 7, 7]))
    await s.update([{ path: 'pic.png', kind: 'change' }])
    expect(s.last?.bodyOnly).toBe(false)
    expect([...Buffer.from(s.files.get('pic.png') as never)]).toEqual([...PIC, 7, 7])
    await expectSessionFresh(s, 'attachment changed')

    // A deleted file reported as a change.
    await unlink(path.join(vault, 'g.md'))
    await s.update([{ path: 'g.md', kind: 'change' }])
    expect(s.last?.bodyOnly).toBe(false)
    expect(s.files.has('g.html')).toBe(false)
    await expectSessionFresh(s, 'deleted file reported as change')

    // Body edits of two notes at once, with search in the same update.
    await edit('a.md', '# A\n\nMoved down.\n\nLinks to [[b]] and [[Missing]].')
    await edit('c.md', 'still embeds ![[b#Part]] with more words')
    await s.update([{ path: 'a.md', kind: 'change' }, { path: 'c.md', kind: 'change' }], { withSearch: true })
    expect(s.last?.bodyOnly).toBe(true)
    expect(s.last?.rendered).toEqual(['a.md', 'c.md'])
    await expectSessionFresh(s, 'two body edits')

    // No changes reported at all (a full re-check): still a fresh build's site.
    await s.update([])
    await expectSessionFresh(s, 'empty update')
  })
})
