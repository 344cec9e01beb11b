/**
 * Runs the stages in order — discover → read → parse → index → resolve → render/layout → emit →
 * sink — times each, and returns every diagnostic. Content problems never throw; program errors
 * do, with the stage in the message, and the sink is aborted so the previous site stays intact.
 */
import type { Root as HastRoot } from 'hast'
import path from 'node:path'
import type { SiteConfig } from './config.js'
import { discover } from './stages/discover.js'
import { checkLinks } from './stages/resolve.js'
import { createPool, balance } from './parallel/pool.js'
import type { NoteWorker, IndexSnapshot, RenderTask } from './parallel/note-worker.js'
import { VaultIndex, permalinkSlug, type NoteSummary } from './vault/vault-index.js'
import { DiagnosticBag, applySeverities, type Diagnostic } from './report/messages.js'
import type { Sink } from './output/sink.js'
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
import { searchIndex } from './emit/search-index.js'

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
}

export interface BuildResult {
  diagnostics: Diagnostic[]
  notes: number
  published: number
  pages: number
  /** False when `failOn` rejected the build and the sink was aborted. */
  committed: boolean
  timings: Array<{ stage: string; ms: number; count?: number }>
  site: SiteModel
}

export const EMITTERS: Emitter[] = [
  notePages, folderPages, tagPages, attachments, themeAssets, notFound, sitemap, redirects,
  graphData, explorerData, feed, socialImages, siteFavicon,
  searchIndex, // last: indexes the note pages written above
]

function dedupe(diags: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>()
  return diags.filter((d) => {
    const k = `${d.file}\0${d.line}\0${d.column}\0${d.ruleId}\0${d.message}`
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
      timings.push({ stage, ms: Math.round(performance.now() - t0), count: count?.(out) })
      return out
    } catch (cause) {
      await sink.abort()
      throw new Error(`stage ${stage} failed: ${(cause as Error).message}`, { cause })
    }
  }

  const bags = new Map<SourcePath, DiagnosticBag>()
  const bagOf = (s: SourcePath) => {
    let b = bags.get(s)
    if (!b) bags.set(s, (b = new DiagnosticBag(s)))
    return b
  }
  const site = new DiagnosticBag('')

  const found = await time('discover', () => discover(vaultDir, config.ignore, options.outDir), (f) => f.notes.length + f.attachments.length)
  for (const s of found.skipped) site.warn('unsafe-path', `${s} is a link to a location outside the vault; it is skipped`)

  const pool = createPool(vaultDir, config, found.notes.length, options.threads)
  try {
    const groups = balance(found.notes, (s) => found.sizes.get(s) ?? 0, pool.workers.length)
    const owner = new Map<SourcePath, NoteWorker>()
    groups.forEach((g, i) => g.forEach((s) => owner.set(s, pool.workers[i])))

    const parsed = await time('read+parse', async () => {
      const outcomes = (await Promise.all(groups.map((g, i) => pool.workers[i].parse(g)))).flat()
      const bySource = new Map(outcomes.map((o) => [o.source, o]))
      const out: NoteSummary[] = []
      for (const source of found.notes) {
        const o = bySource.get(source)
        if (!o) continue
        bagOf(source).items.push(...o.diagnostics)
        if (o.summary) out.push(o.summary)
      }
      return out
    }, (o) => o.length)

    const published = parsed.filter((p) => p.meta.published)
    const unpublished = parsed.filter((p) => !p.meta.published).map((p) => p.source)
    const index = await time('index', () => new VaultIndex(published, unpublished, found.attachments, (n) => (n.meta.permalink ? permalinkSlug(n.meta.permalink) : undefined)), (i) => i.notes.size)

    const usedAttachments = new Set<SourcePath>()
    await time('resolve', () => {
      for (const entry of index.notes.values()) checkLinks(index, entry, bagOf(entry.source), usedAttachments)
      for (const c of index.collisions)
        site.warn('slug-collision', `${c.sources.join(', ')} all map to ${c.slug}.html; they are published as ${c.sources.map((s) => index.notes.get(s)?.output).join(', ')}`)
    }, () => index.notes.size)

    const rendered = await time('render', async () => {
      // Workers rebuild the same index; they only need what rendering reads (embeds, not links).
      const snapshot: IndexSnapshot = {
        published: published.map((n) => ({ ...n, links: n.links.filter((l) => l.embed) })),
        unpublished,
        attachments: found.attachments,
      }
      if (pool.threaded) await Promise.all(pool.workers.map((w) => w.setIndex(snapshot)))
      else await pool.workers[0].setIndex({ published, unpublished, attachments: found.attachments })
      const tasks = new Map<NoteWorker, RenderTask[]>()
      for (const entry of index.notes.values()) {
        const w = owner.get(entry.source) as NoteWorker
        if (!tasks.has(w)) tasks.set(w, [])
        tasks.get(w)?.push({ source: entry.source, page: entry.output })
      }
      const outcomes = (await Promise.all([...tasks].map(([w, t]) => w.render(t)))).flat()
      const map = new Map<SourcePath, HastRoot>()
      for (const o of outcomes) {
        map.set(o.source, o.content)
        for (const d of o.diagnostics) bagOf(d.file as SourcePath).items.push(d)
      }
      return map
    }, (m) => m.size)

    return await finish(options, { index, usedAttachments, rendered, parsed, published, site, bags, timings, time })
  } finally {
    await pool.close()
  }
}

interface Collected {
  index: VaultIndex
  usedAttachments: Set<SourcePath>
  rendered: Map<SourcePath, HastRoot>
  parsed: NoteSummary[]
  published: NoteSummary[]
  site: DiagnosticBag
  bags: Map<SourcePath, DiagnosticBag>
  timings: BuildResult['timings']
  time: <T>(stage: string, fn: () => Promise<T> | T, count?: (t: T) => number) => Promise<T>
}

/** Vault-wide emitters over the collected pages, then commit (or abort on failOn). */
async function finish(options: BuildOptions, c: Collected): Promise<BuildResult> {
  const { config, sink, vaultDir } = options
  const { index, rendered, time, site, bags } = c
  const model: SiteModel = {
    vaultDir: path.resolve(vaultDir),
    config,
    index,
    usedAttachments: c.usedAttachments,
    content: (s) => rendered.get(s) ?? { type: 'root', children: [] },
  }
  let pages = 0
  const counting: Sink = {
    write: async (file, data) => {
      if (file.endsWith('.html')) pages++
      await sink.write(file, data)
    },
    commit: () => sink.commit(),
    abort: () => sink.abort(),
  }
  for (const emitter of EMITTERS) await time(`emit:${emitter.name}`, () => emitter.emit(model, counting))

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
  }
}
