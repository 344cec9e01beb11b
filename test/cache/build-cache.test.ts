import { describe, it, expect, beforeEach, afterEach } from 'vitest'
import { mkdtemp, rm, writeFile, unlink, readdir, utimes } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { build, type BuildResult } from '../../src/build.js'
import { DEFAULT_CONFIG, validateConfig, type SiteConfig } from '../../src/config.js'
import { MemorySink, FsSink } from '../../src/output/sink.js'
import { loadCache, saveCache, emptyCache } from '../../src/cache/build-cache.js'
import { writeVault } from '../helpers/build-vault.js'

let vault: string
let cacheDir: string
const config: SiteConfig = validateConfig({}, DEFAULT_CONFIG)

async function run(dir = vault, cfg = config): Promise<{ result: BuildResult; sink: MemorySink }> {
  const sink = new MemorySink()
  const result = await build({ vaultDir: dir, config: cfg, sink, cacheDir })
  return { result, sink }
}

/** Edits keep mtimes moving forward so the stat check notices them even within one second. */
let clock = Date.now() / 1000 - 3600
async function edit(rel: string, text: string) {
  await writeFile(path.join(vault, rel), text)
  clock += 10
  await utimes(path.join(vault, rel), clock, clock)
}

function expectSameSite(a: MemorySink, b: MemorySink) {
  expect([...a.files.keys()].sort()).toEqual([...b.files.keys()].sort())
  for (const [file, data] of a.files) expect(Buffer.from(b.files.get(file) as never).equals(Buffer.from(data as never)), file).toBe(true)
}

beforeEach(async () => {
  vault = await writeVault({
    'a.md': '# A\n\nLinks to [[b]] and [[Missing]].',
    'b.md': '---\ntitle: Bee\n---\n## Part\n\nb body',
    'c.md': 'embeds ![[b#Part]]',
    'd.md': 'unrelated #tag',
  })
  cacheDir = await mkdtemp(path.join(tmpdir(), 'grove-cache-'))
  // Age the files so they are not "racily clean".
  for (const f of ['a.md', 'b.md', 'c.md', 'd.md']) await utimes(path.join(vault, f), clock, clock)
})
afterEach(async () => {
  await rm(vault, { recursive: true, force: true })
  await rm(cacheDir, { recursive: true, force: true })
})

describe('build cache', () => {
  it('renders and parses nothing on a warm no-op build, with byte-identical output', async () => {
    const cold = await run()
    expect(cold.result.rendered).toHaveLength(4)
    const warm = await run()
    expect(warm.result.parsedNotes).toEqual([])
    expect(warm.result.rendered).toEqual([])
    expectSameSite(cold.sink, warm.sink)
    expect(warm.result.diagnostics).toEqual(cold.result.diagnostics)
  })

  it('re-renders an edited note and the notes that embed it, nothing else', async () => {
    await run()
    await edit('b.md', '---\ntitle: Bee\n---\n## Part\n\nnew body')
    const warm = await run()
    expect(warm.result.parsedNotes).toEqual(['b.md'])
    expect(warm.result.rendered).toEqual(['b.md', 'c.md'])
    expect(warm.sink.text('c.html')).toContain('new body')
  })

  it('re-renders the notes that link to a note whose title changed', async () => {
    await run()
    await edit('b.md', '---\ntitle: Renamed Bee\n---\n## Part\n\nb body')
    const warm = await run()
    expect(warm.result.rendered).toEqual(['a.md', 'b.md', 'c.md'])
  })

  it('re-renders notes whose unresolved link a new note now satisfies', async () => {
    await run()
    await edit('Missing.md', 'now here')
    const warm = await run()
    expect(warm.result.rendered).toEqual(['Missing.md', 'a.md'])
    expect(warm.sink.text('a.html')).toContain('href="missing.html"')
  })

  it('matches a cold build after edits, creations and deletions', async () => {
    await run()
    await edit('d.md', 'changed [[a]] #other')
    await unlink(path.join(vault, 'c.md'))
    await edit('e.md', '![[a]]')
    const warm = await run()
    const coldCache = cacheDir
    cacheDir = await mkdtemp(path.join(tmpdir(), 'grove-cache-'))
    const cold = await run()
    expectSameSite(cold.sink, warm.sink)
    expect(warm.sink.files.has('c.html')).toBe(false)
    await rm(coldCache, { recursive: true, force: true })
  })

  it('replays link checks of unchanged notes, with the diagnostics and backlinks of a cold build', async () => {
    await run()
    await edit('d.md', 'unrelated #tag, now [[a]] and [[Nowhere]]')
    const warm = await run()
    const coldCache = cacheDir
    cacheDir = await mkdtemp(path.join(tmpdir(), 'grove-cache-'))
    const cold = await run()
    expect(warm.result.diagnostics).toEqual(cold.result.diagnostics)
    expect(warm.result.diagnostics.map((d) => `${d.file}:${d.message}`)).toEqual(expect.arrayContaining([expect.stringContaining('a.md:Cannot resolve [[Missing]]'), expect.stringContaining('d.md:Cannot resolve [[Nowhere]]')]))
    expect([...(warm.result.site.index.backlinks.get('a.md' as never) ?? [])]).toEqual(['d.md'])
    // a.md and c.md were not checked again: their links to b.md come from the replay.
    expect([...(warm.result.site.index.backlinks.get('b.md' as never) ?? [])].sort()).toEqual(['a.md', 'c.md'])
    expect(warm.sink.text('a.html')).toContain('d.html')
    expectSameSite(cold.sink, warm.sink)
    await rm(coldCache, { recursive: true, force: true })
  })

  it('checks links again when a heading they point to appears or a note they miss is created', async () => {
    await edit('a.md', '# A\n\nLinks to [[b#Other]] and [[Missing]].')
    const first = await run()
    expect(first.result.diagnostics.map((d) => d.ruleId)).toEqual(expect.arrayContaining(['missing-heading', 'unresolved-link']))
    await edit('b.md', '---\ntitle: Bee\n---\n## Part\n\nb body\n\n## Other')
    await edit('Missing.md', 'here now')
    const warm = await run()
    expect(warm.result.diagnostics.filter((d) => d.file === 'a.md')).toEqual([])
  })

  it('re-renders every note of an embed cycle when one of them changes', async () => {
    await edit('x.md', 'X says old and embeds ![[y]]')
    await edit('y.md', 'Y embeds ![[x]]')
    await edit('z.md', 'Z embeds ![[y]]')
    // x is keyed first, so y's key is first computed with x on the stack (the cycle is cut at x).
    await run()
    await edit('x.md', 'X says new and embeds ![[y]]')
    const warm = await run()
    for (const page of ['x.html', 'y.html', 'z.html']) expect(warm.sink.text(page), page).toContain('X says new')
    expect(warm.result.rendered).toEqual(['x.md', 'y.md', 'z.md'])
  })

  it('ignores a corrupted cache and rebuilds it', async () => {
    await run()
    const [file] = await readdir(cacheDir)
    await writeFile(path.join(cacheDir, file), 'not a cache')
    const again = await run()
    expect(again.result.rendered).toHaveLength(4)
    expect((await run()).result.rendered).toEqual([])
  })

  it('ignores a cache written by another Grove version or config', async () => {
    await run()
    const data = await loadCache(cacheDir, 'x')
    expect(data.notes.size).toBe(0)
    await saveCache(cacheDir, { ...emptyCache('other-engine'), notes: new Map([['a.md', { size: 1, mtimeMs: 1, hash: 'h', summary: null, diagnostics: [] }]]) })
    expect((await run()).result.rendered).toHaveLength(4)
    const changedConfig = await run(vault, { ...config, title: 'Other' })
    expect(changedConfig.result.rendered).toHaveLength(4)
  })

  it('removes the outputs of a deleted note from the site folder', async () => {
    const out = path.join(cacheDir, 'site')
    await build({ vaultDir: vault, config, sink: new FsSink(out), cacheDir })
    expect(await readdir(out)).toContain('d.html')
    await unlink(path.join(vault, 'd.md'))
    await build({ vaultDir: vault, config, sink: new FsSink(out), cacheDir })
    expect(await readdir(out)).not.toContain('d.html')
    expect(await readdir(path.join(out, 'tags'))).not.toContain('tag.html')
  })
})
