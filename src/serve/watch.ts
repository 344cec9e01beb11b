/**
 * Watches the preview server's inputs with chokidar: the vault (minus dot-folders such as
 * .obsidian and .git, and node_modules), the theme folder and the config file. Reports
 * vault-relative POSIX paths; resolves once every watcher has finished its initial scan.
 */
import { watch, type FSWatcher } from 'chokidar'
import path from 'node:path'
import { createHash } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'

export type WatchKind = 'add' | 'change' | 'unlink' | 'addDir' | 'unlinkDir'

export interface WatchEvent {
  source: 'vault' | 'theme' | 'config'
  kind: WatchKind
  /** Vault-relative POSIX path for the vault; absolute for theme and config. */
  path: string
}

export interface WatchOptions {
  vaultDir: string
  themeDir?: string
  configFile: string
  onEvent: (event: WatchEvent) => void
  onError?: (error: Error) => void
}

export interface Watchers {
  close(): Promise<void>
}

const KINDS: WatchKind[] = ['add', 'change', 'unlink', 'addDir', 'unlinkDir']

/** True for paths below `root` that are never site inputs: dot-files and folders, node_modules. */
export function isIgnoredPath(root: string, file: string): boolean {
  const rel = path.relative(root, file)
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return false
  return rel.split(path.sep).some((s) => s.startsWith('.') || s === 'node_modules')
}

function started(w: FSWatcher): Promise<FSWatcher> {
  return new Promise((resolve) => w.once('ready', () => resolve(w)))
}

/** chokidar drops a file's `change` events for 50 ms after one (no trailing event); this is longer. */
const THROTTLE_GAP_MS = 60
const HASH_LIMIT = 4 * 1024 * 1024

/** A fingerprint of a file's current content: a hash for files up to 4 MB, else size and mtime. */
async function fingerprint(file: string): Promise<string> {
  try {
    const s = await stat(file)
    if (!s.isFile()) return 'not-a-file'
    if (s.size > HASH_LIMIT) return `${s.size}:${s.mtimeMs}:${s.ino}`
    return createHash('sha1').update(await readFile(file)).digest('hex')
  } catch {
    return 'missing'
  }
}

/**
 * Restores the change events chokidar throttles away: after each `change`, the file is
 * fingerprinted, and once the throttle window has passed, a differing fingerprint is reported
 * as another `change`. So a second save within 50 ms of the first is never lost.
 */
class TrailingChanges {
  private readonly timers = new Map<string, NodeJS.Timeout>()
  private closed = false
  constructor(private readonly emit: (file: string) => void) {}

  seen(file: string): void {
    if (this.closed) return
    clearTimeout(this.timers.get(file))
    const before = fingerprint(file)
    this.timers.set(
      file,
      setTimeout(async () => {
        this.timers.delete(file)
        const [a, b] = await Promise.all([before, fingerprint(file)])
        if (a !== b && !this.closed && b !== 'missing') {
          this.emit(file)
          this.seen(file)
        }
      }, THROTTLE_GAP_MS),
    )
  }

  close(): void {
    this.closed = true
    for (const t of this.timers.values()) clearTimeout(t)
    this.timers.clear()
  }
}

export async function watchInputs(opts: WatchOptions): Promise<Watchers> {
  const vaultDir = path.resolve(opts.vaultDir)
  const configFile = path.resolve(opts.configFile)
  const onError = (e: unknown) => opts.onError?.(e instanceof Error ? e : new Error(String(e)))
  const watchers: FSWatcher[] = []
  const trailing: TrailingChanges[] = []
  const on = (w: FSWatcher, handle: (kind: WatchKind, file: string) => void) => {
    const t = new TrailingChanges((file) => handle('change', file))
    trailing.push(t)
    for (const kind of KINDS)
      w.on(kind, (file: string) => {
        handle(kind, file)
        if (kind === 'change') t.seen(path.resolve(file))
      })
    w.on('error', onError)
    watchers.push(w)
    return started(w)
  }

  const vault = watch(vaultDir, { ignoreInitial: true, ignored: (p) => isIgnoredPath(vaultDir, p) })
  const ready = [
    on(vault, (kind, file) => {
      const abs = path.resolve(vaultDir, file)
      if (abs === configFile) opts.onEvent({ source: 'config', kind, path: abs })
      else opts.onEvent({ source: 'vault', kind, path: path.relative(vaultDir, abs).split(path.sep).join('/') })
    }),
  ]
  if (opts.themeDir) {
    const themeDir = path.resolve(opts.themeDir)
    const theme = watch(themeDir, { ignoreInitial: true, ignored: (p) => isIgnoredPath(themeDir, p) })
    ready.push(on(theme, (kind, file) => opts.onEvent({ source: 'theme', kind, path: path.resolve(themeDir, file) })))
  }
  const rel = path.relative(vaultDir, configFile)
  if (rel.startsWith('..') || path.isAbsolute(rel)) {
    // Watch the folder, not the file, so editors that save by rename are still seen.
    const dir = path.dirname(configFile)
    const config = watch(dir, { ignoreInitial: true, depth: 0, ignored: (p) => p !== dir && path.resolve(p) !== configFile })
    ready.push(on(config, (kind, file) => opts.onEvent({ source: 'config', kind, path: path.resolve(dir, file) })))
  }
  await Promise.all(ready)
  return {
    async close() {
      for (const t of trailing) t.close()
      await Promise.all(watchers.map((w) => w.close()))
    },
  }
}
