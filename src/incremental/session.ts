/**
 * A BuildSession keeps a site in memory and brings it up to date after file changes: the preview
 * server's engine. Every update yields exactly what a fresh full build of the same files would
 * (that is the contract tests check); what changed is reported per output file so only affected
 * browser tabs reload.
 */
import type { SiteConfig } from '../config.js'
import { build, type BuildResult } from '../build.js'
import { MemorySink } from '../output/sink.js'
import type { Diagnostic } from '../report/messages.js'

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
  if (a === undefined || b === undefined) return a === b
  if (typeof a === 'string' && typeof b === 'string') return a === b
  return Buffer.from(a).equals(Buffer.from(b))
}

export class BuildSession {
  files = new Map<string, string | Uint8Array>()
  last?: BuildResult

  constructor(readonly vaultDir: string, public config: SiteConfig) {}

  /** Rebuilds and diffs against the current site. `changes` lets later versions do less work. */
  async update(_changes: FileChange[] = []): Promise<UpdateResult> {
    const t0 = performance.now()
    const sink = new MemorySink()
    const result = await build({ vaultDir: this.vaultDir, config: this.config, sink })
    const changed: string[] = []
    const removed: string[] = []
    for (const [file, data] of sink.files) if (!same(this.files.get(file), data)) changed.push(file)
    for (const file of this.files.keys()) if (!sink.files.has(file)) removed.push(file)
    this.files = sink.files
    this.last = result
    return { changed: changed.sort(), removed: removed.sort(), diagnostics: result.diagnostics, ms: Math.round(performance.now() - t0) }
  }
}
