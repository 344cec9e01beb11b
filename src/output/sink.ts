/**
 * Where emitters write: FsSink for `build` (a temp dir beside the output, swapped in atomically
 * at commit, so a failed or killed build leaves the previous site untouched), MemorySink for
 * tests, `check` and the preview server. Emitters never touch fs directly.
 */
import { mkdir, rename, rm, writeFile, readFile, stat, utimes, readdir } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import path from 'node:path'

export interface Sink {
  write(file: string, data: string | Uint8Array): Promise<void>
  commit(): Promise<void>
  abort(): Promise<void>
}

/** A site path must stay inside the site: no absolute paths, no `..`, no backslashes. */
export function assertSitePath(file: string): void {
  if (!file || file.startsWith('/') || file.includes('\\') || file.split('/').some((s) => s === '..' || s === '.' || s === '') || file.includes('\0'))
    throw new Error(`refusing to write outside the output directory: ${JSON.stringify(file)}`)
}

export class MemorySink implements Sink {
  readonly files = new Map<string, string | Uint8Array>()
  async write(file: string, data: string | Uint8Array) {
    assertSitePath(file)
    if (this.files.has(file)) throw new Error(`two outputs were written to ${file}`)
    this.files.set(file, data)
  }
  async commit() {}
  async abort() {
    this.files.clear()
  }
  text(file: string): string | undefined {
    const v = this.files.get(file)
    return v === undefined ? undefined : typeof v === 'string' ? v : Buffer.from(v).toString('utf8')
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Cleans up after a build that was killed: removes its temp output, and if it died between the
 * two renames of the swap (the old site moved aside, the new one not yet in place), puts the
 * previous site back.
 */
export async function recoverOutDir(outDir: string): Promise<void> {
  const dir = path.dirname(outDir)
  const base = path.basename(outDir)
  let names: string[]
  try {
    names = await readdir(dir)
  } catch {
    return
  }
  for (const name of names) {
    const m = new RegExp(`^\\.${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.grove-(tmp|old)-(\\d+)$`).exec(name)
    if (!m || alive(Number(m[2]))) continue
    const full = path.join(dir, name)
    if (m[1] === 'old' && !existsSync(outDir)) await rename(full, outDir)
    else await rm(full, { recursive: true, force: true })
  }
}

export class FsSink implements Sink {
  readonly tmp: string
  private readonly written = new Set<string>()
  private readonly dirs = new Map<string, Promise<unknown>>()
  private readonly inflight = new Set<Promise<void>>()
  private failure: unknown

  constructor(readonly outDir: string) {
    this.tmp = path.join(path.dirname(outDir), `.${path.basename(outDir)}.grove-tmp-${process.pid}`)
  }

  /** Queues the write; up to 64 run at once, so emitters are not held up by the disk. */
  async write(file: string, data: string | Uint8Array) {
    assertSitePath(file)
    if (this.written.has(file)) throw new Error(`two outputs were written to ${file}`)
    this.written.add(file)
    if (this.inflight.size >= 64) await Promise.race(this.inflight)
    const job = this.writeNow(file, data).catch((e) => {
      this.failure ??= e
    })
    this.inflight.add(job)
    void job.finally(() => this.inflight.delete(job))
  }

  private async writeNow(file: string, data: string | Uint8Array) {
    const full = path.join(this.tmp, file)
    const dir = path.dirname(full)
    let made = this.dirs.get(dir)
    if (!made) this.dirs.set(dir, (made = mkdir(dir, { recursive: true })))
    await made
    await writeFile(full, data)
    await this.keepMtimeIfUnchanged(file, full, data)
  }

  /** Unchanged files keep the previous build's mtime, so rsync/CDN uploads stay cheap. */
  private async keepMtimeIfUnchanged(file: string, full: string, data: string | Uint8Array) {
    const old = path.join(this.outDir, file)
    try {
      const next = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data)
      const s = await stat(old)
      if (s.size !== next.length) return
      const prev = await readFile(old)
      if (prev.equals(next)) await utimes(full, s.atime, s.mtime)
    } catch {
      /* no previous file */
    }
  }

  async commit() {
    await Promise.all(this.inflight)
    if (this.failure) throw this.failure
    await mkdir(this.tmp, { recursive: true })
    const old = path.join(path.dirname(this.outDir), `.${path.basename(this.outDir)}.grove-old-${process.pid}`)
    if (existsSync(this.outDir)) await rename(this.outDir, old)
    await rename(this.tmp, this.outDir)
    await rm(old, { recursive: true, force: true })
  }

  async abort() {
    await Promise.all(this.inflight)
    await rm(this.tmp, { recursive: true, force: true })
  }
}
