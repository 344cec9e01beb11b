/**
 * The build cache split into files (src/cache/build-cache.ts, render-store.ts, bucket-map.ts):
 * cache.bin names the html-, notes- and checks- bucket files; a save writes only the buckets that
 * changed and removes the ones nothing names; HTML is read lazily and verified; a damaged or
 * missing bucket means a cold build (or a CacheDamaged error, after which the next build is cold),
 * and whatever the cache holds, the site is byte for byte what a fresh build writes.
 */
import { describe, it, expect, beforeAll, afterAll, beforeEach, afterEach } from 'vitest'
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile, unlink, readdir, readFile, stat, truncate, utimes } from 'node:fs/promises'
import { createHash } from 'node:crypto'
import { tmpdir } from 'node:os'
import path from 'node:path'
import v8 from 'node:v8'
import { build, type BuildResult } from '../../src/build.js'
import { DEFAULT_CONFIG, validateConfig, type SiteConfig } from '../../src/config.js'
import { MemorySink, FsSink } from '../../src/output/sink.js'
import { loadCache, saveCache, emptyCache, type CacheData, type CachedCheck, type CachedNote, type CachedRender } from '../../src/cache/build-cache.js'
import { CacheDamaged } from '../../src/cache/render-store.js'
import type { BucketRef } from '../../src/cache/bucket-map.js'
import { engineKey } from '../../src/cache/engine-key.js'
import { writeVault } from '../helpers/build-vault.js'
import { readTree, freshBuild, expectFreshSite, useSearchShardPages } from '../helpers/site-folder.js'

const config: SiteConfig = validateConfig({}, DEFAULT_CONFIG)

const B = (body: string, title = 'Bee') => `---\ntitle: ${title}\n---\n## Part\n\n${body}`
const VAULT: Record<string, string> = {
  'a.md': '# A\n\nLinks to [[b]] and [[Missing]].',
  'b.md': B('b body'),
  'c.md': 'embeds ![[b#Part]]',
  'd.md': 'unrelated #tag',
  'e.md': 'E embeds ![[c]]',
  'sub/f.md': 'F in sub #subtag',
}
const NOTES = Object.keys(VAULT).sort()

let vault: string
let work: string
let outDir: string
let cacheDir: string
let engine: string

/** Edits keep mtimes moving forward (and in the past) so the stat check notices them and they are not racily clean. */
let clock = Date.now() / 1000 - 3600
async function edit(rel: string, content: string) {
  await writeVault({ [rel]: content }, vault)
  clock += 10
  await utimes(path.join(vault, rel), clock, clock)
}

const buildInto = (): Promise<BuildResult> => build({ vaultDir: vault, config, sink: new FsSink(outDir), outDir, cacheDir })

const fresh = () => freshBuild(vault, config)

/** outDir equals a fresh build of the vault byte for byte, with the fresh build's diagnostics. */
const expectFresh = (result: BuildResult, label: string) => expectFreshSite(result, vault, config, outDir, label + ':')

const sha1 = (data: Uint8Array) => createHash('sha1').update(data).digest('hex')
const BUCKET_FILE = /^(html|notes|checks)-[0-9a-f]+\.bin$/

interface Saved {
  savedAt: number
  renderMeta: Array<[string, { key: string; bucket: number; page?: string }]>
  htmlBuckets: BucketRef[]
  noteBuckets: BucketRef[]
  checkBuckets: BucketRef[]
}
const readSaved = async (): Promise<Saved> => v8.deserialize(await readFile(path.join(cacheDir, 'cache.bin'))) as Saved
const bucketFiles = async () => (await readdir(cacheDir)).filter((n) => BUCKET_FILE.test(n)).sort()
const readBucket = async <V>(ref: BucketRef) => v8.deserialize(await readFile(path.join(cacheDir, ref.file))) as Map<string, V>

/**
 * cache.bin names 16 notes buckets, 16 checks buckets and the html buckets; every named file is
 * there with its size and hash (and is named by that hash); no other bucket file and no temp file
 * is left; the buckets hold every note (notes), every published note (checks) and each render in
 * the bucket cache.bin says.
 */
async function expectWholeCache(label: string, notes = NOTES): Promise<Saved> {
  const saved = await readSaved()
  expect(saved.noteBuckets, `${label}: notes buckets`).toHaveLength(16)
  expect(saved.checkBuckets, `${label}: checks buckets`).toHaveLength(16)
  expect(saved.htmlBuckets.length, `${label}: html buckets`).toBeGreaterThanOrEqual(1)
  const refs: Array<[string, BucketRef]> = [
    ...saved.htmlBuckets.map((r) => ['html', r] as [string, BucketRef]),
    ...saved.noteBuckets.map((r) => ['notes', r] as [string, BucketRef]),
    ...saved.checkBuckets.map((r) => ['checks', r] as [string, BucketRef]),
  ]
  for (const [prefix, ref] of refs) {
    const bytes = await readFile(path.join(cacheDir, ref.file)).catch(() => undefined)
    expect(bytes, `${label}: ${ref.file} exists`).toBeDefined()
    expect(bytes?.length, `${label}: size of ${ref.file}`).toBe(ref.size)
    expect(sha1(bytes as Buffer), `${label}: hash of ${ref.file}`).toBe(ref.hash)
    expect(ref.file, `${label}: name of ${ref.file}`).toBe(`${prefix}-${ref.hash.slice(0, 20)}.bin`)
  }
  expect(await bucketFiles(), `${label}: bucket files on disk are the named ones`).toEqual([...new Set(refs.map(([, r]) => r.file))].sort())
  expect((await readdir(cacheDir)).filter((n) => n.includes('.tmp')), `${label}: temp files`).toEqual([])

  const keysOf = async (list: BucketRef[]) => (await Promise.all(list.map(async (r) => [...(await readBucket(r)).keys()]))).flat().sort()
  expect(await keysOf(saved.noteBuckets), `${label}: notes in the notes buckets`).toEqual(notes)
  expect(await keysOf(saved.checkBuckets), `${label}: notes in the checks buckets`).toEqual(notes)
  expect(saved.renderMeta.map(([s]) => s).sort(), `${label}: renders`).toEqual(notes)
  for (let i = 0; i < saved.htmlBuckets.length; i++) {
    const inBucket = saved.renderMeta.filter(([, m]) => m.bucket === i).map(([s]) => s).sort()
    expect([...(await readBucket<string>(saved.htmlBuckets[i])).keys()].sort(), `${label}: html bucket ${i}`).toEqual(inBucket)
  }
  return saved
}

/** The index (0-15) of the notes/checks bucket that holds `key`. */
async function indexOf(list: BucketRef[], key: string): Promise<number> {
  for (let i = 0; i < list.length; i++) if ((await readBucket(list[i])).has(key)) return i
  throw new Error(`${key} is in no bucket`)
}
const htmlBucketOf = (saved: Saved, source: string) => (saved.renderMeta.find(([s]) => s === source) as Saved['renderMeta'][number])[1].bucket

async function statsOf(files: string[]) {
  const m = new Map<string, { ino: number; mtimeMs: number }>()
  for (const f of files) {
    const s = await stat(path.join(cacheDir, f))
    m.set(f, { ino: s.ino, mtimeMs: s.mtimeMs })
  }
  return m
}

/** Same size, other bytes. */
async function garble(file: string) {
  const bytes = await readFile(path.join(cacheDir, file))
  await writeFile(path.join(cacheDir, file), Buffer.alloc(bytes.length, 0x5a))
}

// Six renders in three html buckets (the search shards of their pages).
useSearchShardPages(2)
beforeAll(async () => {
  engine = await engineKey(config)
})

beforeEach(async () => {
  vault = await writeVault(VAULT)
  for (const f of Object.keys(VAULT)) await utimes(path.join(vault, f), clock, clock)
  work = await mkdtemp(path.join(tmpdir(), 'grove-buckets-'))
  outDir = path.join(work, 'site')
  cacheDir = path.join(work, 'cache')
})
afterEach(async () => {
  await rm(vault, { recursive: true, force: true })
  await rm(work, { recursive: true, force: true })
})

describe('cache bucket files', () => {
  it('a cold build writes cache.bin, 16 notes and 16 checks buckets and the html buckets, and nothing unnamed', async () => {
    const cold = await buildInto()
    expect(cold.rendered).toEqual(NOTES)
    expect((await readdir(cacheDir)).includes('cache.bin')).toBe(true)
    const saved = await expectWholeCache('cold')
    // Six renders, two per bucket: three html buckets, each holding some render.
    expect(saved.htmlBuckets).toHaveLength(3)
    for (let i = 0; i < 3; i++) expect(saved.renderMeta.some(([, m]) => m.bucket === i), `html bucket ${i} used`).toBe(true)
    // Six notes in 16 buckets: empty buckets have the same bytes, hence the same file.
    const noteFiles = new Set(saved.noteBuckets.map((r) => r.file))
    expect((await bucketFiles()).filter((f) => f.startsWith('notes-'))).toEqual([...noteFiles].sort())
    expect((await bucketFiles()).filter((f) => f.startsWith('checks-'))).toEqual([...new Set(saved.checkBuckets.map((r) => r.file))].sort())
    expect((await bucketFiles()).filter((f) => f.startsWith('html-'))).toEqual([...new Set(saved.htmlBuckets.map((r) => r.file))].sort())
    await expectFresh(cold, 'cold')
  })

  it('a body edit rewrites only cache.bin and the buckets of the edited note and its embedders', async () => {
    await buildInto()
    const s0 = await expectWholeCache('cold')
    const stats0 = await statsOf(await bucketFiles())

    const dNotes = await indexOf(s0.noteBuckets, 'd.md')
    const dChecks = await indexOf(s0.checkBuckets, 'd.md')
    // d.md: nothing embeds it.
    await edit('d.md', 'unrelated, reworded #tag')
    const d = await buildInto()
    expect(d.bodyOnly).toBe(true)
    expect(d.rendered).toEqual(['d.md'])
    await expectFresh(d, 'edit of d')
    const s1 = await expectWholeCache('edit of d')
    expect(s1.savedAt).toBeGreaterThan(s0.savedAt)

    const changedAt = (before: BucketRef[], after: BucketRef[]) => after.map((r, i) => (r.file === before[i].file ? -1 : i)).filter((i) => i >= 0)
    expect(changedAt(s0.noteBuckets, s1.noteBuckets), 'notes buckets rewritten').toEqual([dNotes])
    // The edited note's link check runs again (its text is in its key): its checks bucket changes.
    expect(changedAt(s0.checkBuckets, s1.checkBuckets), 'checks buckets rewritten').toEqual([dChecks])
    expect(changedAt(s0.htmlBuckets, s1.htmlBuckets), 'html buckets rewritten').toEqual([htmlBucketOf(s0, 'd.md')])
    // Every bucket file still named is the very same file: not written again.
    const kept = (await bucketFiles()).filter((f) => stats0.has(f))
    expect(kept.length).toBeGreaterThan(0)
    expect(await statsOf(kept), 'kept bucket files').toEqual(new Map([...stats0].filter(([f]) => kept.includes(f))))
    // The replaced files are gone (unless still named by another bucket, like the shared empty one).
    const named1 = new Set([...s1.htmlBuckets, ...s1.noteBuckets, ...s1.checkBuckets].map((r) => r.file))
    for (const old of [s0.noteBuckets[dNotes].file, s0.checkBuckets[dChecks].file, s0.htmlBuckets[htmlBucketOf(s0, 'd.md')].file]) {
      expect(named1.has(old), `${old} no longer named`).toBe(false)
      expect(existsSync(path.join(cacheDir, old)), `${old} removed`).toBe(false)
    }

    // b.md: c.md embeds it and e.md embeds c.md, so their html buckets change too.
    const stats1 = await statsOf(await bucketFiles())
    const [bNotes, bChecks] = [await indexOf(s1.noteBuckets, 'b.md'), await indexOf(s1.checkBuckets, 'b.md')]
    await edit('b.md', B('b body, edited'))
    const b = await buildInto()
    expect(b.bodyOnly).toBe(true)
    expect(b.rendered).toEqual(['b.md', 'c.md', 'e.md'])
    await expectFresh(b, 'edit of b')
    const s2 = await expectWholeCache('edit of b')
    expect(changedAt(s1.noteBuckets, s2.noteBuckets), 'notes buckets rewritten').toEqual([bNotes])
    expect(changedAt(s1.checkBuckets, s2.checkBuckets), 'checks buckets rewritten').toEqual([bChecks])
    const htmlChanged = [...new Set(['b.md', 'c.md', 'e.md'].map((s) => htmlBucketOf(s1, s)))].sort()
    // The fixture has an html bucket that none of the three is in (a.md and sub/f.md).
    expect(htmlChanged.length).toBeLessThan(3)
    expect(changedAt(s1.htmlBuckets, s2.htmlBuckets), 'html buckets rewritten').toEqual(htmlChanged)
    const kept2 = (await bucketFiles()).filter((f) => stats1.has(f))
    expect(kept2).toContain(s1.htmlBuckets[htmlBucketOf(s1, 'a.md')].file)
    expect(await statsOf(kept2), 'kept bucket files').toEqual(new Map([...stats1].filter(([f]) => kept2.includes(f))))
  })

  it('reads HTML lazily: a loaded render returns the saved HTML, and unread buckets need not be valid', async () => {
    await buildInto()
    // What an in-memory cached build of the same vault holds.
    const mem = emptyCache('')
    await build({ vaultDir: vault, config, sink: new MemorySink(), cache: mem })
    expect(mem.engine).toBe(engine)
    const loaded = await loadCache(cacheDir, engine)
    expect([...loaded.renders.keys()].sort()).toEqual(NOTES)
    for (const source of NOTES) {
      const [got, want] = [loaded.renders.get(source) as CachedRender, mem.renders.get(source) as CachedRender]
      expect(got.html, source).toBe(want.html)
      expect({ key: got.key, features: got.features, diagnostics: got.diagnostics, page: got.page }, source).toEqual({ key: want.key, features: want.features, diagnostics: want.diagnostics, page: want.page })
    }
    expect(new Map(loaded.notes)).toEqual(new Map(mem.notes))
    expect(new Map(loaded.checks)).toEqual(new Map(mem.checks))

    // Every html bucket garbled (same size): the load succeeds, nothing is read yet.
    const saved = await readSaved()
    for (const r of saved.htmlBuckets) await garble(r.file)
    const lazy = await loadCache(cacheDir, engine)
    expect(lazy.notes.size).toBe(NOTES.length)
    expect(lazy.renders.get('a.md')?.key).toBe(mem.renders.get('a.md')?.key)
    expect(existsSync(path.join(cacheDir, 'cache.bin'))).toBe(true)
  })

  it('a body-only build does not read the html buckets it does not need', async () => {
    await buildInto()
    const s0 = await readSaved()
    const dBucket = htmlBucketOf(s0, 'd.md')
    const other = s0.htmlBuckets.findIndex((_, i) => i !== dBucket)
    await garble(s0.htmlBuckets[other].file)
    await edit('d.md', 'unrelated, reworded #tag')
    const r = await buildInto()
    expect(r.bodyOnly).toBe(true)
    expect(r.rendered).toEqual(['d.md'])
    await expectFresh(r, 'body-only with an unread garbled bucket')
    expect(existsSync(path.join(cacheDir, 'cache.bin'))).toBe(true)
  })

  it('a missing or truncated bucket (or an unreadable cache.bin) means a cold build', async () => {
    await buildInto()
    const cases: Array<[string, (s: Saved) => Promise<void>]> = [
      ['truncated html bucket', (s) => truncate(path.join(cacheDir, s.htmlBuckets[htmlBucketOf(s, 'a.md')].file), 10)],
      ['truncated notes bucket', async (s) => truncate(path.join(cacheDir, s.noteBuckets[await indexOf(s.noteBuckets, 'a.md')].file), 10)],
      ['longer checks bucket', async (s) => writeFile(path.join(cacheDir, s.checkBuckets[await indexOf(s.checkBuckets, 'd.md')].file), Buffer.alloc(5), { flag: 'a' })],
      ['deleted checks bucket', async (s) => unlink(path.join(cacheDir, s.checkBuckets[await indexOf(s.checkBuckets, 'b.md')].file))],
      ['deleted notes bucket', async (s) => unlink(path.join(cacheDir, s.noteBuckets[await indexOf(s.noteBuckets, 'sub/f.md')].file))],
      ['deleted html bucket', (s) => unlink(path.join(cacheDir, s.htmlBuckets[htmlBucketOf(s, 'e.md')].file))],
      ['garbage cache.bin', () => writeFile(path.join(cacheDir, 'cache.bin'), 'not a cache')],
    ]
    let n = 0
    for (const [label, tamper] of cases) {
      await tamper(await readSaved())
      const loaded = await loadCache(cacheDir, engine)
      expect([loaded.notes.size, loaded.renders.size, loaded.checks.size, loaded.pages.size], label).toEqual([0, 0, 0, 0])
      // A body edit, which would be body-only with a whole cache.
      await edit('d.md', `unrelated, round ${n++} #tag`)
      const r = await buildInto()
      expect(r.bodyOnly, label).toBe(false)
      expect(r.parsedNotes, label).toEqual(NOTES)
      expect(r.rendered, label).toEqual(NOTES)
      await expectFresh(r, label)
      await expectWholeCache(label)
      // And the cache it saved is whole: the next body edit is body-only again.
      await edit('d.md', `unrelated, round ${n++} #tag`)
      const next = await buildInto()
      expect(next.bodyOnly, `${label}, next build`).toBe(true)
      expect(next.rendered, `${label}, next build`).toEqual(['d.md'])
      await expectFresh(next, `${label}, next build`)
    }
  })

  it('a same-size garbled notes or checks bucket means a cold build, after which the cache is whole again', async () => {
    await buildInto()
    let n = 0
    for (const kind of ['noteBuckets', 'checkBuckets'] as const) {
      const s = await readSaved()
      await garble(s[kind][await indexOf(s[kind], 'a.md')].file)
      const loaded = await loadCache(cacheDir, engine)
      expect([loaded.notes.size, loaded.renders.size, loaded.checks.size], kind).toEqual([0, 0, 0])
      await edit('d.md', `unrelated, round ${n++} #tag`)
      const r = await buildInto()
      expect(r.rendered, kind).toEqual(NOTES)
      await expectFresh(r, `garbled ${kind}`)
      // The cache that cold build saved loads: the next body edit is body-only, not cold again.
      await edit('d.md', `unrelated, round ${n++} #tag`)
      const next = await buildInto()
      expect(next.rendered, `garbled ${kind}, next build`).toEqual(['d.md'])
      expect(next.bodyOnly, `garbled ${kind}, next build`).toBe(true)
      await expectFresh(next, `garbled ${kind}, next build`)
      await expectWholeCache(`garbled ${kind}, next build`)
    }
  })

  it('a same-size garbled html bucket raises CacheDamaged when read, removes cache.bin, and the next build is cold', async () => {
    await buildInto()
    const s0 = await readSaved()
    const bucket = htmlBucketOf(s0, 'a.md')
    await garble(s0.htmlBuckets[bucket].file)
    const loaded = await loadCache(cacheDir, engine)
    expect(loaded.renders.size).toBe(NOTES.length)
    const inBucket = s0.renderMeta.filter(([, m]) => m.bucket === bucket).map(([s]) => s)
    const outside = s0.renderMeta.find(([, m]) => m.bucket !== bucket)?.[0] as string
    // Another bucket reads fine.
    expect(loaded.renders.get(outside)?.html).toContain('<')
    expect(existsSync(path.join(cacheDir, 'cache.bin'))).toBe(true)
    let error: unknown
    try {
      void loaded.renders.get(inBucket[0])?.html
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(CacheDamaged)
    expect((error as Error).message).toContain('damaged')
    expect((error as Error).message).toContain(cacheDir)
    expect(existsSync(path.join(cacheDir, 'cache.bin'))).toBe(false)

    const r = await buildInto()
    expect(r.bodyOnly).toBe(false)
    expect(r.rendered).toEqual(NOTES)
    await expectFresh(r, 'after CacheDamaged')
    // The cache it saved must not name the garbled file: a build that lays out every page (a title
    // change that leaves the bodies in that bucket as they were) reads that bucket without error.
    expect(inBucket.every((s) => !['d.md', 'c.md'].includes(s)), 'd.md and its page are not in the garbled bucket').toBe(true)
    await edit('d.md', '---\ntitle: Dee\n---\nunrelated #tag')
    const all = await buildInto()
    expect(all.bodyOnly).toBe(false)
    await expectFresh(all, 'title change after CacheDamaged')
    await expectWholeCache('title change after CacheDamaged')
  })

  it('a build that needs a garbled html bucket fails naming the cache, leaves the site, and the next build is cold', async () => {
    await buildInto()
    const s0 = await readSaved()
    await garble(s0.htmlBuckets[htmlBucketOf(s0, 'a.md')].file)
    const site = await readTree(outDir)
    // b's title is in a.md's page (it links to b): every page is laid out again, a.md's from its cached body.
    await edit('b.md', B('b body', 'Renamed Bee'))
    let error: unknown
    await buildInto().catch((e) => (error = e))
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toContain('damaged')
    expect((error as Error).message).toContain(cacheDir)
    expect(existsSync(path.join(cacheDir, 'cache.bin'))).toBe(false)
    expect(await readTree(outDir), 'the site of the last build is intact').toEqual(site)

    const r = await buildInto()
    expect(r.bodyOnly).toBe(false)
    expect(r.rendered).toEqual(NOTES)
    await expectFresh(r, 'after the failed build')
    await expectWholeCache('after the failed build')
    await edit('b.md', B('b body', 'Bee again'))
    const again = await buildInto()
    await expectFresh(again, 'title change after the failed build')
  })

  it('a cache filled by hand round-trips through saveCache and loadCache, and again after changes', async () => {
    const note = (i: number): CachedNote => ({ size: i, mtimeMs: 1000 + i, hash: `h${i}`, summary: null, diagnostics: i % 3 ? [] : [{ file: `n${i}.md`, line: i, column: 1, ruleId: 'r', severity: 'warning', message: `m${i} é` } as never] })
    const check = (i: number): CachedCheck => ({ key: `k${i}`, notes: [`n${i + 1}.md`], attachments: i % 2 ? ['p.png'] : [], diagnostics: [] })
    const render = (i: number, text = `body ${i}`): CachedRender => ({ key: `r${i}`, html: `<p>${text} ✓ ${'x'.repeat(i * 37)}</p>`, features: i % 2 ? ['math'] : [], diagnostics: [], page: i === 0 ? undefined : `n${i}.html` })
    const expectSame = async (dir: string, want: CacheData, label: string) => {
      const got = await loadCache(dir, engine)
      const sorted = <V>(m: Map<string, V>) => [...m].sort(([a], [b]) => (a < b ? -1 : 1))
      expect(sorted(got.notes), `${label}: notes`).toEqual(sorted(want.notes))
      expect(sorted(got.checks), `${label}: checks`).toEqual(sorted(want.checks))
      const plain = (m: Map<string, CachedRender>) => sorted(m).map(([s, r]) => [s, { key: r.key, html: r.html, features: r.features, diagnostics: r.diagnostics, page: r.page }])
      expect(plain(got.renders), `${label}: renders`).toEqual(plain(want.renders))
      expect(got.memo, `${label}: memo`).toEqual(want.memo)
      expect([...got.pages.keys()], `${label}: pages`).toEqual([...want.pages.keys()])
      return got
    }
    const wholeDir = async (dir: string, label: string) => {
      const saved = v8.deserialize(await readFile(path.join(dir, 'cache.bin'))) as Saved
      const named = new Set([...saved.htmlBuckets, ...saved.noteBuckets, ...saved.checkBuckets].map((r) => r.file))
      expect((await readdir(dir)).filter((n) => BUCKET_FILE.test(n)).sort(), `${label}: bucket files`).toEqual([...named].sort())
    }

    // The maps of emptyCache (as the preview session keeps them), and plain Maps.
    for (const kind of ['emptyCache maps', 'plain Maps']) {
      const dir = path.join(work, kind.replace(' ', '-'))
      const data = emptyCache(engine)
      if (kind === 'plain Maps') Object.assign(data, { notes: new Map(), renders: new Map(), checks: new Map() })
      for (let i = 0; i < 40; i++) {
        data.notes.set(`n${i}.md`, note(i))
        data.checks.set(`n${i}.md`, check(i))
        data.renders.set(`n${i}.md`, render(i))
      }
      data.memo.set('graph', { key: 'g', value: { nodes: [1, 2] } })
      data.pages.set('n1.html', { key: 'p', hash: 'ph', html: '<html>', searchHash: '' })
      await saveCache(dir, data)
      await wholeDir(dir, kind)
      const loaded = await expectSame(dir, data, kind)

      // Changes on the loaded cache (as the next build makes them), saved into the same folder.
      const want = { ...emptyCache(engine), notes: new Map(data.notes), checks: new Map(data.checks), renders: new Map(data.renders), memo: data.memo, pages: data.pages }
      for (const m of [loaded, want]) {
        m.notes.set('n3.md', note(300))
        m.notes.delete('n4.md')
        m.notes.set('new.md', note(7))
        m.checks.delete('n5.md')
        m.checks.set('n6.md', check(600))
        m.renders.set('n7.md', render(7, 'seven, edited'))
        m.renders.delete('n8.md')
        m.renders.set('new.md', render(41))
      }
      await saveCache(dir, loaded)
      await wholeDir(dir, `${kind}, changed`)
      const again = await expectSame(dir, want, `${kind}, changed`)
      // And saved once more with nothing changed.
      await saveCache(dir, again)
      await wholeDir(dir, `${kind}, unchanged`)
      await expectSame(dir, want, `${kind}, unchanged`)
    }
  })

  it('over many builds (edits, a new note, a deleted note) leaves no unnamed bucket file and always equals a fresh build', async () => {
    let notes = NOTES
    const steps: Array<[string, () => Promise<void>]> = [
      ['cold', async () => {}],
      ['body edit of a', () => edit('a.md', '# A\n\nNew words. Links to [[b]] and [[Missing]].')],
      ['new note', async () => {
        await edit('g.md', 'G links to [[a]] and embeds ![[d]]')
        notes = [...notes, 'g.md'].sort()
      }],
      ['body edit of d (embedded by g)', () => edit('d.md', 'unrelated, now embedded #tag')],
      ['title change of b', () => edit('b.md', B('b body', 'Renamed Bee'))],
      ['deleted note', async () => {
        await unlink(path.join(vault, 'e.md'))
        notes = notes.filter((n) => n !== 'e.md')
      }],
      ['body edits of c and sub/f', async () => {
        await edit('c.md', 'still embeds ![[b#Part]], reworded')
        await edit('sub/f.md', 'F in sub, reworded #subtag')
      }],
      ['no change', async () => {}],
    ]
    for (const [label, step] of steps) {
      await step()
      const r = await buildInto()
      expect(r.committed, label).toBe(true)
      await expectFresh(r, label)
      await expectWholeCache(label, notes)
    }
  })
})
