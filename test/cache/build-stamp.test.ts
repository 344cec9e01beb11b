import { describe, it, expect, beforeEach, afterEach } from 'vitest'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { readFile, writeFile, rm, mkdtemp, stat, utimes, readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { writeVault } from '../helpers/build-vault.js'

const run = promisify(execFile)
const BIN = path.resolve('bin/grove.js')

async function grove(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env: { ...process.env, ...env } })
    return { code: 0, stdout, stderr }
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string }
    return { code: err.code, stdout: err.stdout, stderr: err.stderr }
  }
}

async function snapshot(dir: string, base = dir): Promise<Map<string, { mtimeMs: number; ino: number; bytes: string }>> {
  const out = new Map<string, { mtimeMs: number; ino: number; bytes: string }>()
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name)
    if (e.isDirectory()) for (const [k, v] of await snapshot(full, base)) out.set(k, v)
    else {
      const s = await stat(full)
      out.set(path.relative(base, full), { mtimeMs: s.mtimeMs, ino: s.ino, bytes: (await readFile(full)).toString('base64') })
    }
  }
  return out
}

let vault: string
let work: string
let out: string
const old = Date.now() / 1000 - 3600
beforeEach(async () => {
  vault = await writeVault({ 'a.md': '# A\n\nSee [[missng]] and [[b]].', 'b.md': '---\ntags: [x]\n---\nB', 'sub/c.md': 'C #y' })
  for (const f of ['a.md', 'b.md', 'sub/c.md']) await utimes(path.join(vault, f), old, old)
  work = await mkdtemp(path.join(tmpdir(), 'grove-stamp-'))
  out = path.join(work, 'site')
})
afterEach(async () => {
  await rm(vault, { recursive: true, force: true })
  await rm(work, { recursive: true, force: true })
})

describe('grove build when nothing changed', () => {
  it('reports the same diagnostics and summary as the full build and leaves every file as it was', async () => {
    const first = await grove(['build', vault, '--out', out])
    expect(first.stderr).toMatch(/wrote \d+ pages/)
    const before = await snapshot(out)
    const second = await grove(['build', vault, '--out', out])
    expect(second.code).toBe(0)
    expect(second.stderr).toMatch(/is up to date \(\d+ pages\)/)
    // Everything before the last line (diagnostics and summary) is exactly the full build's.
    const body = (s: string) => s.split('\n').slice(0, -2).join('\n')
    expect(body(second.stderr)).toBe(body(first.stderr))
    expect(second.stderr).toContain('Cannot resolve [[missng]]')
    expect(await snapshot(out)).toEqual(before)
  })

  it('rebuilds after a note is edited, and the new text is on the page', async () => {
    await grove(['build', vault, '--out', out])
    await writeFile(path.join(vault, 'b.md'), '---\ntags: [x]\n---\nB edited')
    const r = await grove(['build', vault, '--out', out])
    expect(r.stderr).toMatch(/wrote \d+ pages/)
    expect(await readFile(path.join(out, 'b.html'), 'utf8')).toContain('B edited')
  })

  it('rebuilds when an output file was changed or an extra file was added, restoring the site', async () => {
    await grove(['build', vault, '--out', out])
    const good = await readFile(path.join(out, 'a.html'), 'utf8')
    await writeFile(path.join(out, 'a.html'), 'tampered')
    expect((await grove(['build', vault, '--out', out])).stderr).toMatch(/wrote \d+ pages/)
    expect(await readFile(path.join(out, 'a.html'), 'utf8')).toBe(good)
    await writeFile(path.join(out, 'stray.txt'), 'x')
    expect((await grove(['build', vault, '--out', out])).stderr).toMatch(/wrote \d+ pages/)
    await expect(stat(path.join(out, 'stray.txt'))).rejects.toThrow()
    await rm(path.join(out, 'sub'), { recursive: true })
    expect((await grove(['build', vault, '--out', out])).stderr).toMatch(/wrote \d+ pages/)
    expect((await grove(['build', vault, '--out', out])).stderr).toMatch(/is up to date/)
  })

  it('rebuilds when the config or the output folder differs', async () => {
    await grove(['build', vault, '--out', out])
    const based = await grove(['build', vault, '--out', out, '--base-url', 'https://example.org/x'])
    expect(based.stderr).toMatch(/wrote \d+ pages/)
    expect(await readFile(path.join(out, 'sitemap.xml'), 'utf8')).toContain('https://example.org/x/a.html')
    const other = path.join(work, 'other')
    expect((await grove(['build', vault, '--out', other])).stderr).toMatch(/wrote \d+ pages/)
  })

  it('still fails with --strict on warnings, leaving the site as it was', async () => {
    await grove(['build', vault, '--out', out])
    const r = await grove(['build', vault, '--out', out, '--strict'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('was left as it was')
  })

  it('does not trust a stamp of a note modified while that build ran', async () => {
    await grove(['build', vault, '--out', out])
    // A file whose mtime is after the build started may have been read before its last write.
    const future = Date.now() / 1000 + 60
    await utimes(path.join(vault, 'a.md'), future, future)
    expect((await grove(['build', vault, '--out', out])).stderr).toMatch(/wrote \d+ pages/)
  })
})

describe('a warm build after one edit', () => {
  it('keeps the files of unchanged pages (same inode, same mtime) and rewrites the changed page', async () => {
    await grove(['build', vault, '--out', out])
    const before = await snapshot(out)
    await writeFile(path.join(vault, 'sub/c.md'), 'C changed #y')
    await grove(['build', vault, '--out', out])
    const after = await snapshot(out)
    // Pagefind names its index files by content; every other path stays.
    const pages = (m: Map<string, unknown>) => [...m.keys()].filter((k) => !k.startsWith('_grove/pagefind/')).sort()
    expect(pages(after)).toEqual(pages(before))
    expect(after.get('sub/c.html')?.bytes).not.toBe(before.get('sub/c.html')?.bytes)
    for (const file of ['a.html', 'b.html', 'tags/x.html', '404.html', '_grove/grove.css']) {
      expect(after.get(file)?.ino, file).toBe(before.get(file)?.ino)
      expect(after.get(file)?.mtimeMs, file).toBe(before.get(file)?.mtimeMs)
    }
  })

  it('writes exactly the bytes of a cold build, search shards included', async () => {
    // Two pages per search shard, so the kept pages' shards are reused and the edited ones re-run.
    const shards = { GROVE_SEARCH_SHARD_PAGES: '2' }
    await grove(['build', vault, '--out', out], shards)
    await writeFile(path.join(vault, 'sub/c.md'), 'C changed: a findable word, quixotic #y')
    await writeFile(path.join(vault, 'd.md'), 'a new note linking [[a]]')
    await grove(['build', vault, '--out', out], shards)
    const cold = path.join(work, 'cold')
    await grove(['build', vault, '--out', cold, '--no-cache'], shards)
    expect(JSON.parse(await readFile(path.join(cold, '_grove/pagefind/shards.json'), 'utf8')).merge.length).toBeGreaterThanOrEqual(1)
    const warm = await snapshot(out)
    const fresh = await snapshot(cold)
    expect([...warm.keys()].sort()).toEqual([...fresh.keys()].sort())
    for (const [file, v] of fresh) expect(warm.get(file)?.bytes, file).toBe(v.bytes)
  })
})
