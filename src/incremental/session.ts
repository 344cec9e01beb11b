/**
 * A BuildSession keeps a site in memory and brings it up to date after file changes: the preview
 * server's engine. Every update yields exactly what a fresh full build of the same files would
 * (that is the contract tests check); what changed is reported per output file so only affected
 * browser tabs reload.
 */
import type { SiteConfig } from '../config.js'
import { build, type BuildResult } from '../build.js'
import { MemorySink } from '../output/sink.js'
import { searchIndex } from '../emit/search-index.js'
import { SEARCH_DIR } from '../emit/site-paths.js'
import { emptyCache, type CacheData } from '../cache/build-cache.js'
import type { Diagnostic } from '../report/messages.js'
import type { Discovery } from '../cache/build-stamp.js'
import type { SourcePath } from '../vault/paths.js'
import { stat } from 'node:fs/promises'
import path from 'node:path'

export interface FileChange {
  /** Vault-relative POSIX path. */
  path: string
  kind: 'add' | 'change' | 'unlink'
}

export interface UpdateResult {
  /** Output files whose bytes changed or that are new. */
  changed: string[]
  /** Output files that no longer exist. */
  removed: string[]
  diagnostics: Diagnostic[]
  ms: number
}

const same = (a: string | Uint8Array | undefined, b: string | Uint8Array | undefined) => {
  // Carried files are the previous build's own values.
  if (a === b) return true
  if (a === undefined || b === undefined) return false
  if (typeof a === 'string' && typeof b === 'string') return false
  const bytes = (x: string | Uint8Array) => (typeof x === 'string' ? Buffer.from(x) : Buffer.from(x.buffer, x.byteOffset, x.byteLength))
  return bytes(a).equals(bytes(b))
}

export class BuildSession {
  files = new Map<string, string | Uint8Array>()
  last?: BuildResult
  /** Parse summaries, rendered bodies and laid-out pages of the last build, reused by the next. */
  private readonly cache: CacheData = emptyCache('')

  constructor(readonly vaultDir: string, public config: SiteConfig) {}

  /**
   * Brings the site up to date and diffs it against the previous one (without the search index
   * unless `withSearch`: see finishSearch). Every stage runs, but
   * through the in-memory cache: only notes whose text changed are parsed, only notes whose
   * render key changed (themselves, or what they link to or embed) are rendered, and only pages
   * whose layout inputs changed are laid out again — so the result is always a full build's.
   */
  async update(changes: FileChange[] = [], opts: { withSearch?: boolean } = {}): Promise<UpdateResult> {
    const t0 = performance.now()
    const startedAt = Date.now()
    const sink = new MemorySink()
    sink.previous = this.files
    const discovered = await this.restat(changes, startedAt)
    const result = await build({ vaultDir: this.vaultDir, config: this.config, sink, cache: this.cache, skipEmitters: opts.withSearch ? [] : [searchIndex.name], discovered, previousIndex: this.last?.site.index })
    // Like a saved cache: files unchanged in stat since well before this update need no re-hash.
    this.cache.savedAt = startedAt
    // The search index is the slowest emitter and only the search dialog reads it: the pages
    // go out first, and finishSearch() brings the index up to date right after.
    if (!opts.withSearch) for (const [file, data] of this.files) if (file.startsWith(SEARCH_DIR + '/')) sink.files.set(file, data)
    const diff = this.diff(sink.files)
    this.files = sink.files
    this.last = result
    return { ...diff, diagnostics: result.diagnostics, ms: Math.round(performance.now() - t0) }
  }

  /**
   * The last discovery with the changed files' stats, when the changes are edits of files it
   * already has; undefined (walk the vault again) for anything else, or when a file is gone.
   */
  private async restat(changes: FileChange[], startedAt: number): Promise<Discovery | undefined> {
    const last = this.last?.discovered.found
    if (!last || changes.length === 0 || changes.some((c) => c.kind !== 'change' || !last.sizes.has(c.path as SourcePath))) return undefined
    const sizes = new Map(last.sizes)
    const mtimes = new Map(last.mtimes)
    for (const c of changes) {
      try {
        const s = await stat(path.join(this.vaultDir, c.path))
        if (!s.isFile()) return undefined
        sizes.set(c.path as SourcePath, s.size)
        mtimes.set(c.path as SourcePath, s.mtimeMs)
      } catch {
        return undefined
      }
    }
    return { found: { ...last, sizes, mtimes }, startedAt }
  }

  /** Rebuilds the search index of the last update; after it the site equals a full build's. */
  async finishSearch(): Promise<UpdateResult> {
    const t0 = performance.now()
    const last = this.last
    if (!last) return { changed: [], removed: [], diagnostics: [], ms: 0 }
    const sink = new MemorySink()
    await searchIndex.emit(last.site, sink)
    const next = new Map([...this.files].filter(([f]) => !f.startsWith(SEARCH_DIR + '/')))
    for (const [f, d] of sink.files) next.set(f, d)
    const diff = this.diff(next)
    this.files = next
    return { ...diff, diagnostics: last.diagnostics, ms: Math.round(performance.now() - t0) }
  }

  private diff(next: Map<string, string | Uint8Array>) {
    const changed: string[] = []
    const removed: string[] = []
    for (const [file, data] of next) if (!same(this.files.get(file), data)) changed.push(file)
    for (const file of this.files.keys()) if (!next.has(file)) removed.push(file)
    return { changed: changed.sort(), removed: removed.sort() }
  }
}
