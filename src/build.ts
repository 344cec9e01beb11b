/**
 * Runs the stages in order — discover → read → parse → index → resolve → render/layout → emit →
 * sink — times each, and returns every diagnostic. Content problems never throw; program errors
 * do, with the stage in the message, and the sink is aborted so the previous site stays intact.
 */
import type { ContentHtml } from './stages/content-html.js'
import path from 'node:path'
import type { SiteConfig } from './config.js'
import { discover } from './stages/discover.js'
import { checkLinks, checkInputsKey } from './stages/resolve.js'
import { createPool, balance } from './parallel/pool.js'
import { inChunks } from './parallel/chunks.js'
import { NoteWorkerCore, type NoteWorker, type IndexSnapshot, type RenderTask } from './parallel/note-worker.js'
import { VaultIndex, permalinkSlug, type NoteSummary, type NoteEntry } from './vault/vault-index.js'
import { loadCache, saveCache, saveBuckets, emptyCache, sha1, type CacheData, type SavedBuckets } from './cache/build-cache.js'
import { lazyRequire } from './lazy-require.js'
import { engineKey } from './cache/engine-key.js'
import { fingerprint, saveStamp, stampOutputs, type Discovery } from './cache/build-stamp.js'
import { planParse } from './cache/fresh-notes.js'
import { RenderKeys } from './cache/render-key.js'
import { bodyOnlyChanges, embeddersOf, shapeOf, type BuildShape } from './cache/build-shape.js'
import { DiagnosticBag, applySeverities, perDiagnostic, type Diagnostic } from './report/messages.js'
import { FsSink, type Sink } from './output/sink.js'
import type { SourcePath } from './vault/paths.js'
import type { Emitter, SiteModel } from './emit/emitter.js'
import { notePages } from './emit/note-pages.js'
import { folderPages } from './emit/folder-pages.js'
import { tagPages } from './emit/tag-pages.js'
import { attachments } from './emit/attachments.js'
import { themeAssets } from './emit/theme-assets.js'
import { notFound } from './emit/not-found.js'
import { sitemap } from './emit/sitemap.js'
import { redirects } from './emit/redirects.js'
import { graphData } from './emit/graph-data.js'
import { explorerData } from './emit/explorer-data.js'
import { feed } from './emit/feed.js'
import { socialImages } from './emit/social-image.js'
import { siteFavicon } from './emit/site-favicon.js'
import { searchIndex, expectPages, searchIndexStats, type SearchIndexStats } from './emit/search-index.js'

export interface BuildOptions {
  vaultDir: string
  config: SiteConfig
  sink: Sink
  /** The output directory, so it is never read as vault content when it lies inside the vault. */
  outDir?: string
  /** Decides from the diagnostics whether the build failed; a failed build is not committed. */
  failOn?: (diagnostics: Diagnostic[]) => boolean
  /** Worker threads for per-note work (default: the machine's cores; small vaults stay in-process). */
  threads?: number
  /** Persistent cache folder (see src/cache/build-cache.ts); no cache when absent. */
  cacheDir?: string
  /** An in-memory cache kept by a long-lived caller (the preview server); not loaded or saved. */
  cache?: CacheData
  /** Emitters to leave out (by name); the preview server runs `search-index` after the pages. */
  skipEmitters?: string[]
  /** The vault as the caller already discovered it (the CLI's up-to-date check), instead of walking it again. */
  discovered?: Discovery
  /**
   * The last build's index, kept by a long-lived caller: a body-only build (build-shape.ts) patches
   * it instead of building a new one, since every name and link in it is unchanged.
   */
  previousIndex?: VaultIndex
  /** Called as per-note stages advance: stage name, notes done so far, total. */
  onProgress?: (stage: string, done: number, total: number) => void
}

export interface BuildResult {
  diagnostics: Diagnostic[]
  notes: number
  published: number
  pages: number
  /** False when `failOn` rejected the build and the sink was aborted. */
  committed: boolean
  /** Per stage: wall time, items, and the process's resident memory when it ended (worker threads included). */
  timings: Array<{ stage: string; ms: number; count?: number; rssMb?: number }>
  site: SiteModel
  /** Notes whose body was rendered in this build (the rest came from the cache). */
  rendered: SourcePath[]
  /** Notes that were parsed in this build. */
  parsedNotes: SourcePath[]
  /** The files each emitter wrote, kept or carried over, by emitter name. */
  emitted: Map<string, string[]>
  /** True when only note bodies changed and everything else was carried over (build-shape.ts). */
  bodyOnly: boolean
  /** What the search index did, when it ran. */
  search?: SearchIndexStats
  /** The vault as this build found it. */
  discovered: Discovery
}

export const EMITTERS: Emitter[] = [
  // Indexes the note pages shard by shard as the note-pages emitter lays them out. Pagefind
  // works in its own process, so the emitters after it run on this thread meanwhile (see finish()).
  searchIndex,
  notePages,
  folderPages, tagPages, attachments, themeAssets, notFound, sitemap, redirects,
  graphData, explorerData, feed, socialImages, siteFavicon,
]

/** Emitters that run alongside the ones after them instead of before them. */
const ALONGSIDE = new Set([searchIndex.name])

const rssMb = () => Math.round(process.memoryUsage.rss() / 1048576)

/** A diagnostic's place, rule and message (build once per object: see perDiagnostic). */
const keyOf = perDiagnostic((d) => `${d.file}\0${d.line}\0${d.column}\0${d.ruleId}\0${d.message}`)

/** The diagnostics without repeats (same place, rule and message), first kept. */
function dedupe(diags: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>()
  return diags.filter((d) => {
    const k = keyOf(d)
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const { vaultDir, config, sink } = options
  const timings: BuildResult['timings'] = []
  const time = async <T>(stage: string, fn: () => Promise<T> | T, count?: (t: T) => number): Promise<T> => {
    const t0 = performance.now()
    try {
      const out = await fn()
      timings.push({ stage, ms: Math.round(performance.now() - t0), count: count?.(out), rssMb: rssMb() })
      return out
    } catch (cause) {
      await sink.abort()
      throw new Error(`stage ${stage} failed: ${(cause as Error).message}`, { cause })
    }
  }

  const counts = new Map<string, number>()
  const progress = (stage: string, n: number, total: number) => {
    const done = (counts.get(stage) ?? 0) + n
    counts.set(stage, done)
    options.onProgress?.(stage, done, total)
  }
  const bags = new Map<SourcePath, DiagnosticBag>()
  const bagOf = (s: SourcePath) => {
    let b = bags.get(s)
    if (!b) bags.set(s, (b = new DiagnosticBag(s)))
    return b
  }
  const site = new DiagnosticBag('')

  const startedAt = options.discovered?.startedAt ?? Date.now()
  const found = await time('discover', () => options.discovered?.found ?? discover(vaultDir, config.ignore, options.outDir), (f) => f.notes.length + f.attachments.length)
  for (const s of found.skipped) site.warn('unsafe-path', `${s} is a symbolic link to a folder or to a location outside the vault; it is not followed`)

  const cacheDir = options.cacheDir
  const caching = !!(cacheDir || options.cache)
  const engine = caching ? await engineKey(config) : ''
  let cache = options.cache ?? (cacheDir ? await time('cache:load', () => loadCache(cacheDir, engine)) : emptyCache(''))
  if (cache.engine !== engine) cache = Object.assign(cache, emptyCache(engine))
  // Valid only for the build that wrote it: cleared until this one commits, so a build that
  // fails half-way (its summaries already in the cache) can never be the base of a carry.
  const previousShape = cache.shape
  cache.shape = undefined
  // The last build's manifest lets the sink keep unchanged files instead of writing them again.
  if (caching && sink instanceof FsSink && cache.outDir === sink.outDir) sink.usePrevious(cache.outputs)
  const plan = caching
    ? await time('cache:check', () => planParse(vaultDir, found.notes, found.sizes, found.mtimes, cache, cache.savedAt), (p) => p.reused.size)
    : { hashes: new Map<SourcePath, string>(), reused: new Map(), toParse: found.notes }

  const pool = createPool(vaultDir, config, plan.toParse.length || Math.min(found.notes.length, 1), options.threads)
  try {
    const groups = balance(plan.toParse, (s) => found.sizes.get(s) ?? 0, pool.workers.length)
    const owner = new Map<SourcePath, NoteWorker>()
    groups.forEach((g, i) => g.forEach((s) => owner.set(s, pool.workers[i])))

    // What the re-parsed notes looked like before, to tell a body edit from a change of shape.
    const reparsed: Parameters<typeof bodyOnlyChanges>[2] = []
    const parsed = await time('read+parse', async () => {
      const outcomes = (await Promise.all(groups.map((g, i) => inChunks(g, (c) => pool.workers[i].parse(c), (n) => progress('parse', n, plan.toParse.length))))).flat()
      const bySource = new Map(outcomes.map((o) => [o.source, o]))
      const out: NoteSummary[] = []
      for (const source of found.notes) {
        const o = bySource.get(source) ?? plan.reused.get(source)
        if (!o) continue
        bagOf(source).items.push(...o.diagnostics)
        if (o.summary) out.push(o.summary)
        if (caching && bySource.has(source)) reparsed.push({ source, before: cache.notes.get(source)?.summary, after: o.summary })
        // A note reused as it was cached stays as it is (the cache saves only changed buckets).
        if (caching && o !== cache.notes.get(source)) {
          cache.notes.set(source, { size: found.sizes.get(source) ?? 0, mtimeMs: found.mtimes.get(source) ?? 0, hash: plan.hashes.get(source) ?? '', summary: o.summary, diagnostics: o.diagnostics })
        }
      }
      for (const gone of [...cache.notes.keys()]) if (!found.sizes.has(gone as SourcePath)) cache.notes.delete(gone)
      return out
    }, () => plan.toParse.length)

    const published = parsed.filter((p) => p.meta.published)
    const unpublished = parsed.filter((p) => !p.meta.published).map((p) => p.source)
    // Body edits only: every other note's check, render and page are the last build's.
    const bodyOnly = caching && sink.canCarry?.() ? bodyOnlyChanges(previousShape, found, reparsed) : undefined
    const reusedIndex = bodyOnly ? options.previousIndex : undefined
    const index = await time('index', () => {
      if (!reusedIndex) return new VaultIndex(published, unpublished, found.attachments, (n) => (n.meta.permalink ? permalinkSlug(n.meta.permalink) : undefined))
      // Same names, links and listings: only the edited notes' summaries (their positions) are new.
      for (const r of reparsed) {
        const entry = reusedIndex.notes.get(r.source)
        if (entry && r.after) entry.note = r.after
      }
      return reusedIndex
    }, (i) => i.notes.size)
    const usedAttachments = new Set<SourcePath>()
    let checkInputs: string | undefined
    await time('resolve', () => {
      // A note's check is replayed from the cache while its text and the names it can link to are unchanged.
      // A body-only build has the last build's names, so the last key over them still holds.
      let inputs: string | undefined
      const inputsKey = () => (inputs ??= (bodyOnly && previousShape?.checkInputs) || checkInputsKey(index))
      for (const entry of index.notes.values()) {
        const hit = caching ? cache.checks.get(entry.source) : undefined
        const trusted = hit && bodyOnly && !bodyOnly.has(entry.source)
        const key = caching && !trusted ? sha1(`${inputsKey()}\0${entry.source}\0${plan.hashes.get(entry.source) ?? ''}`) : ''
        if (hit && (trusted || hit.key === key)) {
          // A reused index already holds these backlinks: its links are the last build's.
          if (!(trusted && reusedIndex)) for (const to of hit.notes) index.addBacklink(entry.source, to as SourcePath)
          for (const a of hit.attachments) usedAttachments.add(a as SourcePath)
          bagOf(entry.source).items.push(...hit.diagnostics)
        } else {
          const bag = new DiagnosticBag(entry.source)
          const check = checkLinks(index, entry, bag, usedAttachments)
          bagOf(entry.source).items.push(...bag.items)
          if (caching) cache.checks.set(entry.source, { key, ...check, diagnostics: bag.items })
        }
        const permalink = entry.note.meta.permalink
        if (permalink && (/(^|[\\/])\.\.([\\/]|$)/.test(permalink) || /^([a-z]:)?[\\/]{2}/i.test(permalink)))
          bagOf(entry.source).warn('unsafe-path', `permalink ${JSON.stringify(permalink)} climbs out of the site; it is published as ${entry.output}`, { line: 2, column: 1 })
      }
      for (const c of index.collisions)
        site.warn('slug-collision', `${c.sources.join(', ')} all map to ${c.slug}.html; they are published as ${c.sources.map((s) => index.notes.get(s)?.output).join(', ')}`)
      for (const gone of [...cache.checks.keys()]) if (!index.notes.has(gone as SourcePath)) cache.checks.delete(gone)
      checkInputs = caching ? inputsKey() : undefined
    }, () => index.notes.size)

    const renderedNotes: SourcePath[] = []
    // In a body-only build, the pages that may change: the edited notes and all that embed them.
    let fresh: Set<SourcePath> | undefined
    const rendered = await time('render', async () => {
      const map = new Map<SourcePath, ContentHtml>()
      const keys = caching ? new RenderKeys(index, (s) => plan.hashes.get(s) ?? '', engine) : undefined
      const todo: NoteEntry[] = []
      const keyOf = new Map<SourcePath, string>()
      const affected = bodyOnly ? embeddersOf(index, bodyOnly) : undefined
      if (affected) fresh = new Set()
      for (const entry of index.notes.values()) {
        const cached = affected && !affected.has(entry.source) ? cache.renders.get(entry.source) : undefined
        if (cached) {
          map.set(entry.source, cached)
          for (const d of cached.diagnostics) bagOf(d.file as SourcePath).items.push(d)
          continue
        }
        fresh?.add(entry.source)
        const key = keys?.of(entry)
        const hit = key ? cache.renders.get(entry.source) : undefined
        if (key) keyOf.set(entry.source, key)
        if (hit && hit.key === key) {
          map.set(entry.source, hit)
          for (const d of hit.diagnostics) bagOf(d.file as SourcePath).items.push(d)
        } else todo.push(entry)
      }
      if (todo.length) {
        // Workers rebuild the same index; they only need what rendering reads (embeds, not links).
        if (pool.threaded) {
          const snapshot: IndexSnapshot = { published: published.map((n) => ({ ...n, links: n.links.filter((l) => l.embed) })), unpublished, attachments: found.attachments }
          await Promise.all(pool.workers.map((w) => w.setIndex(snapshot)))
        } else for (const w of pool.workers) if (w instanceof NoteWorkerCore) w.useIndex(index)
        // A note goes to the worker that parsed it (its tree is there); cached ones are spread out.
        const tasks = new Map<NoteWorker, RenderTask[]>(pool.workers.map((w) => [w, []]))
        const unowned = todo.filter((e) => !owner.has(e.source))
        balance(unowned, () => 1, pool.workers.length).forEach((g, i) => g.forEach((e) => owner.set(e.source, pool.workers[i])))
        for (const entry of todo) tasks.get(owner.get(entry.source) as NoteWorker)?.push({ source: entry.source, page: entry.output })
        const outcomes = (await Promise.all([...tasks].filter(([, t]) => t.length).map(([w, t]) => inChunks(t, (c) => w.render(c), (n) => progress('render', n, todo.length))))).flat()
        for (const o of outcomes) {
          map.set(o.source, o)
          renderedNotes.push(o.source)
          for (const d of o.diagnostics) bagOf(d.file as SourcePath).items.push(d)
          const key = keyOf.get(o.source)
          if (key) cache.renders.set(o.source, { key, html: o.html, features: o.features, diagnostics: o.diagnostics, page: index.notes.get(o.source)?.output })
        }
      }
      for (const gone of [...cache.renders.keys()]) if (!index.notes.has(gone as SourcePath)) cache.renders.delete(gone)
      return map
    }, () => renderedNotes.length)

    // The workers' trees are not needed by the vault-wide emitters: free that memory first.
    await pool.close()
    // The cache's buckets are final now: saved while the search index runs (see finish()).
    let buckets: Promise<SavedBuckets> | undefined
    const meanwhile = cacheDir
      ? () => {
          const t0 = performance.now()
          buckets = saveBuckets(cacheDir, cache)
          buckets.then(() => timings.push({ stage: 'cache:buckets', ms: Math.round(performance.now() - t0), rssMb: rssMb() }), () => {})
          return buckets
        }
      : undefined
    const finished = await finish(options, { index, usedAttachments, rendered, parsed, published, site, bags, timings, time, pages: caching ? cache.pages : undefined, memo: caching ? cache.memo : undefined, fresh, previous: bodyOnly ? previousShape : undefined, meanwhile })
    const result: BuildResult = { ...finished, rendered: renderedNotes.sort(), parsedNotes: plan.toParse, discovered: { found, startedAt } }
    const onDisk = caching && sink instanceof FsSink && result.committed ? sink : undefined
    if (onDisk) {
      cache.outputs = onDisk.records
      cache.outDir = onDisk.outDir
    }
    // A shape describes files that exist: only a committed build's, into this cache's sink.
    cache.shape = sink.lasting && result.committed ? shapeOf(found, result.emitted, checkInputs) : undefined
    if (cacheDir) await time('cache:save', async () => saveCache(cacheDir, cache, await buckets))
    if (cacheDir && onDisk) {
      const { diagnostics, notes, published, pages } = result
      await saveStamp(cacheDir, { fingerprint: await fingerprint(engine, onDisk.outDir, found), startedAt, outDir: onDisk.outDir, outputs: stampOutputs(onDisk.records), diagnostics, notes, published, pages })
    }
    if (sink instanceof FsSink && result.committed) await sink.settled()
    return result
  } finally {
    await pool.close()
  }
}

interface Collected {
  index: VaultIndex
  usedAttachments: Set<SourcePath>
  rendered: Map<SourcePath, ContentHtml>
  parsed: NoteSummary[]
  published: NoteSummary[]
  site: DiagnosticBag
  bags: Map<SourcePath, DiagnosticBag>
  timings: BuildResult['timings']
  time: <T>(stage: string, fn: () => Promise<T> | T, count?: (t: T) => number) => Promise<T>
  pages?: CacheData['pages']
  memo?: CacheData['memo']
  fresh?: Set<SourcePath>
  /** In a body-only build, the last build's shape: the files of index-only emitters to carry over. */
  previous?: BuildShape
  /** Work for the main thread while it would only wait for the search index (Pagefind's own process). */
  meanwhile?: () => Promise<unknown>
}

/** Vault-wide emitters over the collected pages, then commit (or abort on failOn). */
async function finish(options: BuildOptions, c: Collected): Promise<Omit<BuildResult, 'rendered' | 'parsedNotes' | 'discovered'>> {
  const { config, sink, vaultDir } = options
  const { index, rendered, time, site, bags } = c
  const model: SiteModel = {
    vaultDir: path.resolve(vaultDir),
    config,
    index,
    usedAttachments: c.usedAttachments,
    rendered: (s) => rendered.get(s) ?? { html: '', features: [] },
    content: (s) => lazyRequire<typeof import('hast-util-from-html')>('hast-util-from-html').fromHtml(rendered.get(s)?.html ?? '', { fragment: true }),
    pageMemo: c.pages,
    memo: c.memo,
    fresh: c.fresh,
    searchDocsDir: options.cacheDir ? path.join(options.cacheDir, 'search-docs') : undefined,
  }
  let pages = 0
  const counting: Sink = {
    write: async (file, data) => {
      if (file.endsWith('.html')) pages++
      await sink.write(file, data)
    },
    keep: sink.keep
      ? async (file, hash) => {
          const kept = (await sink.keep?.(file, hash)) ?? false
          if (kept && file.endsWith('.html')) pages++
          return kept
        }
      : undefined,
    carry: sink.carry
      ? async (file) => {
          const kept = (await sink.carry?.(file)) ?? false
          if (kept && file.endsWith('.html')) pages++
          return kept
        }
      : undefined,
    commit: () => sink.commit(),
    abort: () => sink.abort(),
  }
  const emitted = new Map<string, string[]>()
  /** The sink as one emitter sees it: records what it writes; `skip` files are already in place. */
  const sinkFor = (name: string, skip = new Set<string>()): Sink => {
    const files = [...skip]
    emitted.set(name, files)
    const { keep, carry } = counting
    /** Runs a keep or carry of `f` unless `f` is in place already, and records `f` if it took. */
    const took = async (f: string, run: () => Promise<boolean>) => {
      if (skip.has(f)) return true
      const ok = await run()
      if (ok) files.push(f)
      return ok
    }
    return {
      write: async (f, d) => {
        if (skip.has(f)) return
        files.push(f)
        await counting.write(f, d)
      },
      keep: keep && ((f, h) => took(f, () => keep(f, h))),
      carry: carry && ((f) => took(f, () => carry(f))),
      commit: () => counting.commit(),
      abort: () => counting.abort(),
    }
  }
  /** An index-only emitter in a body-only build: its last files carried over; run only if one is missing. */
  const carried = async (emitter: Emitter, files: string[]): Promise<void> => {
    const done = new Set<string>()
    for (const f of files) if (await counting.carry?.(f)) done.add(f)
    if (done.size === files.length) emitted.set(emitter.name, files)
    else await emitter.emit(model, sinkFor(emitter.name, done))
  }
  const skip = new Set(options.skipEmitters ?? [])
  // Emitters run in order, except ALONGSIDE ones, which overlap the rest. The sink is aborted
  // only once nothing is writing to it any more.
  const alongside: Array<Promise<void>> = []
  let failed: { stage: string; cause: unknown } | undefined
  /** The files an index-only emitter wrote last time, in a body-only build: they are carried over. */
  const carriedFiles = new Map<Emitter, string[] | undefined>()
  for (const emitter of EMITTERS) {
    carriedFiles.set(emitter, c.previous && (typeof emitter.indexOnly === 'function' ? emitter.indexOnly(model) : emitter.indexOnly) ? c.previous.emitted.get(emitter.name) : undefined)
  }
  const run = async (emitter: Emitter) => {
    const stage = `emit:${emitter.name}`
    const t0 = performance.now()
    try {
      const last = carriedFiles.get(emitter)
      if (last) await carried(emitter, last)
      else await emitter.emit(model, sinkFor(emitter.name))
      c.timings.push({ stage, ms: Math.round(performance.now() - t0), rssMb: rssMb() })
    } catch (cause) {
      failed ??= { stage, cause }
    }
  }
  if (!skip.has(searchIndex.name) && !skip.has(notePages.name)) expectPages(model)
  for (const emitter of EMITTERS) if (!skip.has(emitter.name) && !carriedFiles.get(emitter)) emitter.prepare?.(model)
  for (const emitter of EMITTERS) {
    if (failed) break
    if (skip.has(emitter.name)) continue
    if (ALONGSIDE.has(emitter.name)) alongside.push(run(emitter))
    else await run(emitter)
  }
  const during = failed ? undefined : c.meanwhile?.()
  during?.catch(() => {}) // its caller awaits it again and reports a failure
  await Promise.all(alongside)
  await during?.catch(() => {})
  if (failed) {
    await sink.abort()
    throw new Error(`stage ${failed.stage} failed: ${(failed.cause as Error).message}`, { cause: failed.cause })
  }

  const all = [...site.items, ...[...bags.keys()].sort().flatMap((k) => bags.get(k)?.items ?? [])]
  const diagnostics = applySeverities(dedupe(all), config.severity)
  const committed = !options.failOn?.(diagnostics)
  if (committed) await time('commit', () => sink.commit())
  else await sink.abort()
  return {
    diagnostics,
    committed,
    notes: c.parsed.length,
    published: c.published.length,
    pages,
    timings: c.timings,
    site: model,
    emitted,
    bodyOnly: c.previous !== undefined,
    search: searchIndexStats(model),
  }
}
