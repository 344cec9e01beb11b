/**
 * The per-note work of a build — read, parse, summarise, render — behind one small interface, so
 * the same code runs in-process (small vaults, tests) or in worker threads (large vaults). A
 * worker keeps the mdast of the notes it parsed (serialised, see TreeStore), so trees never cross
 * threads; a note it needs for an embed but did not parse is parsed on demand from disk.
 */
import type { Root } from 'mdast'
import type { SiteConfig } from '../config.js'
import type { Diagnostic } from '../report/messages.js'
import { DiagnosticBag } from '../report/messages.js'
import { TreeStore } from './tree-store.js'
import { readNote } from '../stages/read.js'
import { parseNote, type ParsedNote } from '../stages/parse.js'
import { renderNote } from '../stages/render.js'
import { embedders } from '../stages/resolve.js'
import { toContentHtml, type ContentHtml } from '../stages/content-html.js'
import { createParseProcessor } from '../markdown/remark-obsidian.js'
import { VaultIndex, permalinkSlug, type NoteSummary } from '../vault/vault-index.js'
import { resolveTarget } from '../vault/resolve-target.js'
import type { OutputPath, SourcePath } from '../vault/paths.js'

export interface ParseOutcome {
  source: SourcePath
  /** Null when the file is not readable text. */
  summary: NoteSummary | null
  diagnostics: Diagnostic[]
}

/** What a worker needs to rebuild the exact VaultIndex the main thread has. */
export interface IndexSnapshot {
  published: NoteSummary[]
  unpublished: SourcePath[]
  attachments: SourcePath[]
}

export interface RenderTask {
  source: SourcePath
  page: OutputPath
}

export interface RenderOutcome extends ContentHtml {
  source: SourcePath
  diagnostics: Diagnostic[]
}

export interface NoteWorker {
  parse(sources: SourcePath[]): Promise<ParseOutcome[]>
  setIndex(snapshot: IndexSnapshot): Promise<void>
  render(tasks: RenderTask[]): Promise<RenderOutcome[]>
  /** Drops parsed trees (between builds of a long-lived session). */
  reset(): Promise<void>
  close(): Promise<void>
}

/** Nodes whose position rendering reads: the links, embeds and raw HTML its diagnostics point at. */
const PLACED = new Set(['wikiLink', 'link', 'image', 'linkReference', 'imageReference', 'definition', 'html'])

/**
 * Removes the source positions rendering never reads. A tree is kept (serialised) from parse to
 * render, and its position objects, three per node, are about half of its bytes.
 */
function dropPositions(node: { type: string; position?: unknown; children?: unknown[] }): void {
  if (!PLACED.has(node.type)) delete node.position
  if (node.children) for (const c of node.children) dropPositions(c as typeof node)
}

/** The same VaultIndex from the same inputs: slugs, collisions and lookups are deterministic. */
export function indexFromSnapshot(s: IndexSnapshot): VaultIndex {
  return new VaultIndex(s.published, s.unpublished, s.attachments, (n) => (n.meta.permalink ? permalinkSlug(n.meta.permalink) : undefined))
}

export class NoteWorkerCore implements NoteWorker {
  private readonly trees = new TreeStore<SourcePath>()
  private readonly processor
  private index?: VaultIndex

  constructor(private readonly vaultDir: string, private readonly config: SiteConfig) {
    this.processor = createParseProcessor({ strictLineBreaks: config.strictLineBreaks })
  }

  private parseOne(source: SourcePath, bag: DiagnosticBag): ParsedNote | null {
    const read = readNote(this.vaultDir, source)
    bag.items.push(...read.diagnostics.items)
    if (read.text === null) return null
    const parsed = parseNote(this.processor, source, read.text, bag)
    dropPositions(parsed.tree)
    this.trees.set(source, parsed.tree)
    return parsed
  }

  async parse(sources: SourcePath[]): Promise<ParseOutcome[]> {
    const out: ParseOutcome[] = []
    for (const source of sources) {
      const bag = new DiagnosticBag(source)
      let summary: NoteSummary | null = null
      try {
        const parsed = this.parseOne(source, bag)
        if (parsed) {
          const { tree: _tree, ...rest } = parsed
          summary = rest
        }
      } catch (e) {
        // A file that vanished mid-build (editor save, git checkout) is skipped, not fatal.
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e
        bag.warn('unreadable-file', `${source} disappeared while it was being read`)
      }
      out.push({ source, summary, diagnostics: bag.items })
    }
    this.trees.cut()
    return out
  }

  async setIndex(snapshot: IndexSnapshot): Promise<void> {
    this.index = indexFromSnapshot(snapshot)
  }

  /** In-process, the main thread's index is the same object a snapshot would rebuild. */
  useIndex(index: VaultIndex): void {
    this.index = index
  }

  async render(tasks: RenderTask[]): Promise<RenderOutcome[]> {
    const index = this.index
    if (!index) throw new Error('render before setIndex')
    // Embeds may reach notes parsed elsewhere: parse those first.
    const seen = new Set<SourcePath>()
    const need = (source: SourcePath, depth: number): void => {
      if (depth > this.config.maxEmbedDepth + 1 || seen.has(source)) return
      seen.add(source)
      if (!this.trees.has(source)) {
        if (!index.notes.has(source)) return
        try {
          if (!this.parseOne(source, new DiagnosticBag(source))) return
        } catch {
          return
        }
      }
      const entry = index.notes.get(source)
      for (const link of entry?.note.links ?? []) {
        if (!link.embed || !link.target) continue
        const res = resolveTarget(index, source, link.target)
        if (res.kind === 'note') need(res.entry.source, depth + 1)
      }
    }
    for (const t of tasks) need(t.source, 0)

    const out: RenderOutcome[] = []
    const bags = new Map<SourcePath, DiagnosticBag>()
    const bag = (s: SourcePath) => {
      let b = bags.get(s)
      if (!b) bags.set(s, (b = new DiagnosticBag(s)))
      return b
    }
    const embedded = embedders(index)
    for (const t of tasks) {
      bags.clear()
      const content = renderNote(t.source, t.page, { index, config: this.config, tree: (s) => this.trees.get(s), bag })
      out.push({ source: t.source, ...toContentHtml(content), diagnostics: [...bags.values()].flatMap((b) => b.items) })
      // A note is rendered once per build; unless a note embeds it, its tree is done with.
      if (!embedded.has(t.source)) this.trees.delete(t.source)
    }
    return out
  }

  async reset(): Promise<void> {
    this.trees.clear()
    this.index = undefined
  }

  async close(): Promise<void> {
    await this.reset()
  }
}
