/**
 * Render keys: a hash of everything a note's rendered body depends on — its own text, the page
 * it is written to, and what each of its links resolves to (target page, anchor, title), with
 * embedded notes' keys folded in recursively. A note is re-rendered exactly when its key changes,
 * which is the same dependency graph the preview server needs (who links to / embeds whom).
 *
 * Notes that embed each other in a cycle (a strongly connected component of the embed graph)
 * share one component key over all their texts and links: a page shows the cycle's notes up to
 * the cycle guard, so a change to any of them changes every one. Components are found with
 * Tarjan's algorithm, which finishes a component only after every component it embeds, so each
 * key is computed once.
 */
import { createHash } from 'node:crypto'
import type { NoteEntry, VaultIndex } from '../vault/vault-index.js'
import { resolveLink } from '../stages/resolve.js'
import type { SourcePath } from '../vault/paths.js'

export class RenderKeys {
  /** Final embed key of every note whose component is finished. */
  private readonly embedKeys = new Map<SourcePath, string>()
  // Tarjan's state: visit order, lowest reachable order, and the stack of unfinished notes.
  private readonly order = new Map<SourcePath, number>()
  private readonly low = new Map<SourcePath, number>()
  private readonly stack: NoteEntry[] = []
  private readonly onStack = new Set<SourcePath>()

  constructor(private readonly index: VaultIndex, private readonly contentHash: (s: SourcePath) => string, private readonly engine: string) {}

  /** The notes `entry` embeds (published notes only; attachments and missing targets are not edges). */
  private embeds(entry: NoteEntry): NoteEntry[] {
    const out: NoteEntry[] = []
    for (const ref of entry.note.links) {
      if (!ref.embed) continue
      const r = resolveLink(this.index, entry.source, ref)
      if (r.res.kind === 'note') out.push(r.res.entry)
    }
    return out
  }

  /** Signatures of a note's links; an embed inside its own component is marked, not followed. */
  private linkSigs(entry: NoteEntry, component: Set<SourcePath>): string[] {
    const sigs: string[] = []
    for (const ref of entry.note.links) {
      const r = resolveLink(this.index, entry.source, ref)
      const res = r.res
      switch (res.kind) {
        case 'note': {
          let sig = `n:${res.entry.output}#${r.anchor ?? ''}:${r.headingIndex ?? ''}:${res.entry.note.title}`
          if (ref.embed) sig += ':' + (component.has(res.entry.source) ? 'cycle' : this.embedKeys.get(res.entry.source))
          sigs.push(sig)
          break
        }
        case 'attachment':
          sigs.push(`a:${res.entry.output}`)
          break
        case 'folder':
        case 'tag':
          sigs.push(`p:${res.entry.slug}`)
          break
        default:
          sigs.push(`u:${res.reason}`)
      }
    }
    return sigs
  }

  private visit(v: NoteEntry): void {
    const n = this.order.size
    this.order.set(v.source, n)
    this.low.set(v.source, n)
    this.stack.push(v)
    this.onStack.add(v.source)
    for (const w of this.embeds(v)) {
      if (this.embedKeys.has(w.source)) continue
      if (!this.order.has(w.source)) {
        this.visit(w)
        this.low.set(v.source, Math.min(this.low.get(v.source) as number, this.low.get(w.source) as number))
      } else if (this.onStack.has(w.source)) this.low.set(v.source, Math.min(this.low.get(v.source) as number, this.order.get(w.source) as number))
    }
    if (this.low.get(v.source) !== n) return
    const members: NoteEntry[] = []
    for (let w = this.stack.pop(); w; w = this.stack.pop()) {
      this.onStack.delete(w.source)
      members.push(w)
      if (w.source === v.source) break
    }
    members.sort((a, b) => (a.source < b.source ? -1 : 1))
    const component = new Set(members.map((m) => m.source))
    const h = createHash('sha1')
    for (const m of members) {
      h.update(m.source + '\0' + this.contentHash(m.source))
      for (const s of this.linkSigs(m, component)) h.update('\0' + s)
      h.update('\n')
    }
    const key = h.digest('hex')
    for (const m of members) this.embedKeys.set(m.source, members.length === 1 ? key : createHash('sha1').update(m.source + '\0' + key).digest('hex'))
  }

  /** Key of a note's content as seen from inside an embed (its text, its links, what it embeds). */
  private embedKey(entry: NoteEntry): string {
    if (!this.embedKeys.has(entry.source)) this.visit(entry)
    return this.embedKeys.get(entry.source) as string
  }

  /** Key of the body of `entry` rendered into its own page. */
  of(entry: NoteEntry): string {
    return createHash('sha1').update(this.engine + '\0' + entry.output + '\0' + this.embedKey(entry)).digest('hex')
  }
}
