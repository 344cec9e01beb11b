import { describe, it, expect, afterEach } from 'vitest'
import { mkdtemp, readFile, writeFile, mkdir, readdir, stat, rm } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { FsSink, MemorySink, assertSitePath } from '../../src/output/sink.js'
import { sha1 as contentHash } from '../../src/cache/build-cache.js'

let dir: string
afterEach(async () => dir && rm(dir, { recursive: true, force: true }))

describe('FsSink', () => {
  it('leaves the previous output untouched until commit, then swaps it in whole', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'grove-sink-'))
    const out = path.join(dir, 'public')
    await mkdir(out)
    await writeFile(path.join(out, 'old.html'), 'old')
    const sink = new FsSink(out)
    await sink.write('a/new.html', 'new')
    expect(await readdir(out)).toEqual(['old.html'])
    await sink.commit()
    expect(await readdir(out)).toEqual(['a'])
    expect(await readFile(path.join(out, 'a/new.html'), 'utf8')).toBe('new')
    // The previous site is removed in the background; settled() waits for it.
    await sink.settled()
    expect((await readdir(dir)).sort()).toEqual(['public'])
  })

  it('removes a large previous site in a thread of its own, and settled() waits for it', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'grove-sink-'))
    const out = path.join(dir, 'public')
    await mkdir(path.join(out, 'deep/er'), { recursive: true })
    for (let i = 0; i < 50; i++) await writeFile(path.join(out, i % 2 ? 'deep/er' : '', `old-${i}.html`), 'old')
    const sink = new FsSink(out)
    // The manifest's size decides (4,000 files and more); its entries need not exist here.
    sink.usePrevious(new Map(Array.from({ length: 4000 }, (_, i) => [`gone-${i}.html`, { hash: 'h', size: 1, mtimeMs: 1 }])))
    await sink.write('new.html', 'new')
    await sink.commit()
    expect(await readdir(out)).toEqual(['new.html'])
    await sink.settled()
    expect((await readdir(dir)).sort()).toEqual(['public'])
  })

  it('queues writes past the number running at once: every one lands, and a failed one fails commit', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'grove-sink-'))
    const out = path.join(dir, 'public')
    const sink = new FsSink(out)
    // Count the writes that run at once, through the sink's own write step.
    const step = sink as unknown as { writeNow: (f: string, d: string) => Promise<void> }
    const writeNow = step.writeNow.bind(sink)
    let running = 0
    let most = 0
    step.writeNow = async (f, d) => {
      most = Math.max(most, ++running)
      try {
        await writeNow(f, d)
      } finally {
        running--
      }
    }
    // Not awaited one by one: 300 writes wait for 64 slots, as an emitter's burst does.
    await Promise.all(Array.from({ length: 300 }, (_, i) => sink.write(`d${i % 7}/p${i}.html`, `page ${i}`)))
    await sink.commit()
    expect(most).toBe(64)
    const files = (await readdir(out, { recursive: true })).filter((f) => f.endsWith('.html'))
    expect(files).toHaveLength(300)
    expect(await readFile(path.join(out, 'd5/p299.html'), 'utf8')).toBe('page 299')

    const failing = new FsSink(path.join(dir, 'other'))
    // A folder where the file should go makes that one write fail; the ones queued after it still run.
    await mkdir(path.join(failing.tmp, 'x.html'), { recursive: true })
    await Promise.all(Array.from({ length: 100 }, (_, i) => failing.write(i === 3 ? 'x.html' : `y${i}.html`, 'y')))
    await expect(failing.commit()).rejects.toThrow()
    expect(existsSync(path.join(failing.tmp, 'y99.html'))).toBe(true)
    await failing.abort()
  })

  it('abort removes the temporary output and keeps the previous site', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'grove-sink-'))
    const out = path.join(dir, 'public')
    await mkdir(out)
    await writeFile(path.join(out, 'old.html'), 'old')
    const sink = new FsSink(out)
    await sink.write('x.html', 'x')
    await sink.abort()
    expect(await readdir(dir)).toEqual(['public'])
    expect(await readFile(path.join(out, 'old.html'), 'utf8')).toBe('old')
  })

  it('keeps the mtime of files whose bytes did not change', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'grove-sink-'))
    const out = path.join(dir, 'public')
    const first = new FsSink(out)
    await first.write('same.html', 'same')
    await first.write('changed.html', 'v1')
    await first.commit()
    const old = new Date('2020-01-01T00:00:00Z')
    const { utimes } = await import('node:fs/promises')
    await utimes(path.join(out, 'same.html'), old, old)
    await utimes(path.join(out, 'changed.html'), old, old)
    const second = new FsSink(out)
    await second.write('same.html', 'same')
    await second.write('changed.html', 'v2')
    await second.commit()
    expect((await stat(path.join(out, 'same.html'))).mtime.getTime()).toBe(old.getTime())
    expect((await stat(path.join(out, 'changed.html'))).mtime.getTime()).not.toBe(old.getTime())
  })
})

describe('FsSink with the previous build\'s manifest', () => {
  async function firstBuild(out: string) {
    const first = new FsSink(out)
    await first.write('a.html', 'aaa')
    await first.write('d/b.html', 'bbb')
    await first.commit()
    return first.records
  }

  it('keeps a file by hash without its bytes: the same inode and mtime', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'grove-sink-'))
    const out = path.join(dir, 'public')
    const records = await firstBuild(out)
    const before = await stat(path.join(out, 'd/b.html'))
    const next = new FsSink(out)
    next.usePrevious(records)
    expect(await next.keep('d/b.html', contentHash('bbb'))).toBe(true)
    expect(await next.keep('a.html', contentHash('other'))).toBe(false)
    await next.write('a.html', 'aaa2')
    await next.commit()
    const after = await stat(path.join(out, 'd/b.html'))
    expect(after.ino).toBe(before.ino)
    expect(after.mtimeMs).toBe(before.mtimeMs)
    expect(await readFile(path.join(out, 'a.html'), 'utf8')).toBe('aaa2')
    expect(next.records.get('d/b.html')?.hash).toBe(contentHash('bbb'))
  })

  it('does not keep a file that changed on disk since the manifest was written', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'grove-sink-'))
    const out = path.join(dir, 'public')
    const records = await firstBuild(out)
    await writeFile(path.join(out, 'a.html'), 'xyz')
    const next = new FsSink(out)
    next.usePrevious(records)
    expect(await next.keep('a.html', contentHash('aaa'))).toBe(false)
    await next.write('a.html', 'aaa')
    await next.commit()
    expect(await readFile(path.join(out, 'a.html'), 'utf8')).toBe('aaa')
  })

  it('refuses to keep a file that was already written in this build', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'grove-sink-'))
    const out = path.join(dir, 'public')
    const records = await firstBuild(out)
    const next = new FsSink(out)
    next.usePrevious(records)
    await next.write('a.html', 'aaa')
    await expect(next.keep('a.html', contentHash('aaa'))).rejects.toThrow(/two outputs/)
    await next.abort()
  })
})

describe('assertSitePath', () => {
  it.each(['../x', '/abs', 'a/../../b', 'a\\b', '', 'a//b', './a', 'a/./b', 'a/.', 'a/..', 'a/', '..', 'a\0b'])('refuses %j', (p) => {
    expect(() => assertSitePath(p)).toThrow(/outside the output/)
  })
  it.each(['a.html', '.well-known/x', 'a/.b/c', 'a/.../b', 'a/..b', 'a..', '_grove/s1/x.pf_meta'])('accepts %j', (p) => {
    expect(() => assertSitePath(p)).not.toThrow()
  })
  it('refuses writing one output twice', async () => {
    const sink = new MemorySink()
    await sink.write('a.html', '1')
    await expect(sink.write('a.html', '2')).rejects.toThrow(/two outputs/)
  })
})
