/**
 * Keeps the preview site up to date: collects watcher events, coalesces bursts with a short
 * debounce, runs one update at a time through BuildSession (changes arriving meanwhile go into
 * the next one, so there is never a backlog and the newest files win), reloads the config and
 * rebuilds on config or theme changes, and never lets a failure take the last good site away.
 */
import path from 'node:path'
import { loadConfig, ConfigError, type SiteConfig } from '../config.js'
import { BuildSession, type FileChange } from '../incremental/session.js'
import type { Diagnostic } from '../report/messages.js'
import type { SourcePath } from '../vault/paths.js'
import type { WatchEvent } from './watch.js'
import { overlayItems, type OverlayItem } from './overlay.js'

export interface UpdaterOptions {
  vaultDir: string
  /** The config file in use (watched); `configPath` is set only when it was given explicitly. */
  configFile: string
  configPath?: string
  overrides?: Partial<SiteConfig>
  config: SiteConfig
  /** Quiet time after the last event before an update starts (default 30 ms). */
  debounceMs?: number
  /** Longest an update waits while events keep arriving (default 250 ms). */
  maxWaitMs?: number
  onUpdate?: (outcome: UpdateOutcome) => void
}

export interface UpdateOutcome {
  gen: number
  changed: string[]
  removed: string[]
  /** Every diagnostic of the site now served (the last successful update's). */
  diagnostics: Diagnostic[]
  overlay: OverlayItem[]
  /** Vault changes applied by this update; `full` when the site was rebuilt from scratch. */
  changes: FileChange[]
  full: boolean
  /** Set when the update failed and the previous site is still served. */
  error?: Error
  /** 'search' for the follow-up that brings the search index up to date after the pages. */
  phase?: 'search'
  ms: number
}

type Kind = FileChange['kind']
interface Pending {
  first: Kind
  last: Kind
}

/** One path's net change over a batch, given its first and last event. */
function netKind({ first, last }: Pending): Kind {
  if (last === 'unlink') return 'unlink'
  if (first === 'add') return 'add'
  return 'change'
}

const same = (a: string | Uint8Array | undefined, b: string | Uint8Array | undefined) => {
  if (a === undefined || b === undefined) return a === b
  if (typeof a === 'string' && typeof b === 'string') return a === b
  return Buffer.from(a).equals(Buffer.from(b))
}

function isVanishedFile(e: unknown): boolean {
  for (let c = e as { code?: string; cause?: unknown } | undefined, i = 0; c && i < 10; c = c.cause as typeof c, i++)
    if (c.code === 'ENOENT' || c.code === 'ENOTDIR') return true
  return false
}

const MAX_RETRIES = 3

export class SiteUpdater {
  session: BuildSession
  gen = 0
  diagnostics: Diagnostic[] = []
  private pending = new Map<string, Pending>()
  private carry = new Map<string, Pending>()
  private carryConfig = false
  private carryTheme = false
  private retryDue = false
  private configDirty = false
  private themeDirty = false
  private timer: NodeJS.Timeout | undefined
  private firstPendingAt = 0
  private running: Promise<void> | undefined
  private retries = 0
  private closed = false
  private configProblem: OverlayItem | undefined
  private buildProblem: OverlayItem | undefined
  private readonly fileGen = new Map<string, number>()
  private idleWaiters: Array<() => void> = []
  private readonly debounceMs: number
  private readonly maxWaitMs: number

  constructor(private readonly opts: UpdaterOptions) {
    this.session = new BuildSession(opts.vaultDir, opts.config)
    this.debounceMs = opts.debounceMs ?? 30
    this.maxWaitMs = opts.maxWaitMs ?? 250
  }

  get files(): ReadonlyMap<string, string | Uint8Array> {
    return this.session.files
  }

  get overlay(): OverlayItem[] {
    return [this.configProblem, this.buildProblem, ...overlayItems(this.diagnostics, (f) => this.session.last?.site.index.notes.get(f as SourcePath)?.output)].filter((x): x is OverlayItem => !!x)
  }

  /** Builds the site for the first time; throws if that fails (there is nothing to serve yet). */
  async start(): Promise<UpdateOutcome> {
    const t0 = performance.now()
    let outcome: UpdateOutcome | undefined
    // Counts as the running update, so events seen during the first build wait for it.
    await this.exclusive(async () => {
      // Nothing is waiting for a reload yet: the search index is built with the rest, alongside.
      const r = await this.session.update([], { withSearch: true })
      this.diagnostics = r.diagnostics
      outcome = this.finish({ changed: [...this.session.files.keys()].sort(), removed: r.removed, changes: [], full: true, t0 })
    }, true)
    if (!outcome) throw new Error('the first build did not finish')
    return outcome
  }

  /** Records one watcher event and schedules an update. */
  notify(event: WatchEvent): void {
    if (this.closed) return
    if (event.source === 'config') this.configDirty = true
    else if (event.source === 'theme') this.themeDirty = true
    else if (event.kind === 'addDir' || event.kind === 'unlinkDir') return // chokidar reports the files inside too
    else {
      const prev = this.pending.get(event.path)
      this.pending.set(event.path, { first: prev?.first ?? event.kind, last: event.kind })
    }
    this.schedule()
  }

  /** Output files among `files` changed or removed after generation `since`. */
  changedSince(since: number, files: string[]): string[] {
    return files.filter((f) => (this.fileGen.get(f) ?? -1) > since)
  }

  /** Resolves when no update is running or waiting. */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  isIdle(): boolean {
    return !this.running && !this.timer && !this.hasWork()
  }

  /** Stops scheduling and waits for a running update to end. */
  async close(): Promise<void> {
    this.closed = true
    clearTimeout(this.timer)
    this.timer = undefined
    await this.running
    for (const w of this.idleWaiters.splice(0)) w()
  }

  private hasWork(): boolean {
    return this.pending.size > 0 || this.configDirty || this.themeDirty || this.retryDue
  }

  private schedule(delay = this.debounceMs): void {
    if (this.closed || this.running) return // the running update reschedules when it ends
    const now = Date.now()
    if (!this.timer) this.firstPendingAt = now
    clearTimeout(this.timer)
    const wait = Math.max(0, Math.min(delay, this.firstPendingAt + this.maxWaitMs - now))
    this.timer = setTimeout(() => {
      this.timer = undefined
      void this.exclusive(() => this.run())
    }, wait)
  }

  /** Runs `fn` as the one update in flight, then starts the next one if work arrived meanwhile. */
  private async exclusive(fn: () => Promise<void>, rethrow = false): Promise<void> {
    const p = fn()
    this.running = p.catch(() => {})
    try {
      await p
    } catch (e) {
      if (rethrow) throw e
    } finally {
      this.running = undefined
      if (this.hasWork()) this.schedule()
      else if (this.isIdle()) for (const w of this.idleWaiters.splice(0)) w()
    }
  }

  private async run(): Promise<void> {
    const t0 = performance.now()
    // A failed batch is carried in front of the newer events, so its changes are not lost.
    const batch = new Map(this.carry)
    for (const [p, k] of this.pending) batch.set(p, { first: this.carry.get(p)?.first ?? k.first, last: k.last })
    const configDirty = this.configDirty || this.carryConfig
    const themeDirty = this.themeDirty || this.carryTheme
    this.pending = new Map()
    this.carry = new Map()
    this.carryConfig = this.carryTheme = this.retryDue = false
    this.configDirty = this.themeDirty = false
    const changes: FileChange[] = [...batch].sort(([a], [b]) => (a < b ? -1 : 1)).map(([p, k]) => ({ path: p, kind: netKind(k) }))

    let config = this.session.config
    let full = themeDirty
    if (configDirty) {
      try {
        config = await loadConfig(this.opts.vaultDir, this.opts.configPath, this.opts.overrides)
        this.configProblem = undefined
        full = true
      } catch (e) {
        this.configProblem = configItem(e instanceof ConfigError ? e : new ConfigError(`cannot load the config: ${(e as Error).message}`), this.opts.vaultDir)
      }
    }
    if (!full && changes.length === 0) {
      // Only a bad config: nothing to rebuild, but the overlay must show it.
      this.finish({ changed: [], removed: [], changes, full, t0 })
      return
    }
    try {
      let changed: string[]
      let removed: string[]
      if (full) {
        // Config and theme changes rebuild from scratch into a new session, swapped in only on success.
        const fresh = new BuildSession(this.opts.vaultDir, config)
        const r = await fresh.update([])
        await fresh.finishSearch()
        changed = r.changed.filter((f) => !same(this.session.files.get(f), fresh.files.get(f)))
        removed = [...this.session.files.keys()].filter((f) => !fresh.files.has(f)).sort()
        this.session = fresh
        this.diagnostics = r.diagnostics
      } else {
        const r = await this.session.update(changes)
        ;({ changed, removed } = r)
        this.diagnostics = r.diagnostics
      }
      this.buildProblem = undefined
      this.retries = 0
      this.finish({ changed, removed, changes, full, t0 })
      if (!full) {
        // The pages are out; now the search index (still inside this update, so nothing overlaps),
        // after one turn of the event loop, so the reload event is on the wire before it starts.
        await new Promise((resolve) => setImmediate(resolve))
        const s = await this.session.finishSearch()
        if (s.changed.length || s.removed.length) this.finish({ changed: s.changed, removed: s.removed, changes, full, t0, phase: 'search' })
      }
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e))
      // Not retried at once (a persistent failure would loop): the next event or the retry below runs it.
      this.carry = batch
      this.carryTheme = themeDirty
      this.carryConfig = configDirty && !this.configProblem
      this.buildProblem = { file: '', line: 1, column: 1, severity: 'error', message: `the site could not be updated (${error.message}); the last good version is still served`, ruleId: 'build-failed' }
      this.finish({ changed: [], removed: [], changes, full, t0, error })
      // A file that vanished mid-build is usually followed by its unlink event; retry anyway.
      if (isVanishedFile(e) && this.retries++ < MAX_RETRIES)
        setTimeout(() => {
          this.retryDue = true
          this.schedule(0)
        }, 100).unref()
    }
  }

  private finish(o: { changed: string[]; removed: string[]; changes: FileChange[]; full: boolean; t0: number; error?: Error; phase?: 'search' }): UpdateOutcome {
    const gen = ++this.gen
    for (const f of o.changed) this.fileGen.set(f, gen)
    for (const f of o.removed) this.fileGen.set(f, gen)
    const outcome: UpdateOutcome = {
      gen,
      changed: o.changed,
      removed: o.removed,
      diagnostics: this.diagnostics,
      overlay: this.overlay,
      changes: o.changes,
      full: o.full,
      error: o.error,
      phase: o.phase,
      ms: Math.round(performance.now() - o.t0),
    }
    try {
      this.opts.onUpdate?.(outcome)
    } catch {
      /* a failing listener must not break the update loop */
    }
    return outcome
  }
}

/** A ConfigError as an overlay item, positioned when the message carries `file:line:col:`. */
function configItem(e: ConfigError, vaultDir: string): OverlayItem {
  const m = /^(.*?\.ya?ml)(?::(\d+):(\d+))?: (.*)$/s.exec(e.message)
  const rel = (f: string) => path.relative(vaultDir, f).split(path.sep).join('/') || f
  if (!m) return { file: '', line: 1, column: 1, severity: 'error', message: e.message, ruleId: 'invalid-config' }
  return { file: rel(m[1]), line: Number(m[2] ?? 1), column: Number(m[3] ?? 1), severity: 'error', message: m[4], ruleId: 'invalid-config' }
}
