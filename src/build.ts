/**
 * Runs the stages in order — discover → read → parse → index → resolve → render/layout → emit →
 * sink — times each, and returns every diagnostic. Content problems never throw; program errors
 * do, with the stage in the message, and the sink is aborted so the previous site stays intact.
 */
import type { Root } from 'mdast'
import path from 'node:path'
import type { SiteConfig } from './config.js'
import { discover } from './stages/discover.js'
import { readNote } from './stages/read.js'
import { parseNote, type ParsedNote } from './stages/parse.js'
import { checkLinks } from './stages/resolve.js'
import { createParseProcessor } from './markdown/remark-obsidian.js'
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

export interface BuildOptions {
  vaultDir: string
  config: SiteConfig
  sink: Sink
  /** The output directory, so it is never read as vault content when it lies inside the vault. */
  outDir?: string
  /** Decides from the diagnostics whether the build failed; a failed build is not committed. */
  failOn?: (diagnostics: Diagnostic[]) => boolean
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

export const EMITTERS: Emitter[] = [notePages, folderPages, tagPages, attachments, themeAssets, notFound, sitemap, redirects]

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

  const processor = createParseProcessor({ strictLineBreaks: config.strictLineBreaks })
  const parsed = await time('read+parse', async () => {
    const out: ParsedNote[] = []
    for (const source of found.notes) {
      const read = await readNote(vaultDir, source)
      for (const d of read.diagnostics.items) bagOf(source).items.push(d)
      if (read.text === null) continue
      out.push(parseNote(processor, source, read.text, bagOf(source)))
    }
    return out
  }, (o) => o.length)

  const published = parsed.filter((p) => p.meta.published)
  const unpublished = parsed.filter((p) => !p.meta.published).map((p) => p.source)
  const trees = new Map<SourcePath, Root>(published.map((p) => [p.source, p.tree]))
  const summaries: NoteSummary[] = published.map(({ tree: _tree, ...rest }) => rest)
  const index = await time('index', () => new VaultIndex(summaries, unpublished, found.attachments, (n) => (n.meta.permalink ? permalinkSlug(n.meta.permalink) : undefined)), (i) => i.notes.size)

  const usedAttachments = new Set<SourcePath>()
  await time('resolve', () => {
    for (const entry of index.notes.values()) checkLinks(index, entry, bagOf(entry.source), usedAttachments)
    for (const c of index.collisions)
      site.warn('slug-collision', `${c.sources.join(', ')} all map to ${c.slug}.html; they are published as ${c.sources.map((s) => index.notes.get(s)?.output).join(', ')}`)
  }, () => index.notes.size)

  const model: SiteModel = {
    vaultDir: path.resolve(vaultDir),
    config,
    index,
    trees,
    usedAttachments,
    render: { index, config, tree: (s) => trees.get(s), bag: bagOf },
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
    notes: parsed.length,
    published: published.length,
    pages,
    timings,
    site: model,
  }
}
