/**
 * Render keys: a hash of everything a note's rendered body depends on — its own text, the page
 * it is written to, and what each of its links resolves to (target page, anchor, title), with
 * embedded notes' keys folded in recursively. A note is re-rendered exactly when its key changes,
 * which is the same dependency graph the preview server needs (who links to / embeds whom).
 */
import { createHash } from 'node:crypto'
import type { NoteEntry, VaultIndex } from '../vault/vault-index.js'
import { resolveLink } from '../stages/resolve.js'
import type { SourcePath } from '../vault/paths.js'

export class RenderKeys {
  private readonly embedKeys = new Map<SourcePath, string>()

  constructor(private readonly index: VaultIndex, private readonly contentHash: (s: SourcePath) => string, private readonly engine: string) {}

  private linkSigs(entry: NoteEntry, stack: Set<SourcePath>): string[] {
    const sigs: string[] = []
    for (const ref of entry.note.links) {
      const r = resolveLink(this.index, entry.source, ref)
      const res = r.res
      switch (res.kind) {
        case 'note': {
          let sig = `n:${res.entry.output}#${r.anchor ?? ''}:${r.headingIndex ?? ''}:${res.entry.note.title}`
          if (ref.embed) sig += ':' + this.embedKey(res.entry, stack)
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

  /** Key of a note's content as seen from inside an embed (its text and its links). */
  private embedKey(entry: NoteEntry, stack: Set<SourcePath>): string {
    const memo = this.embedKeys.get(entry.source)
    if (memo) return memo
    if (stack.has(entry.source)) return 'cycle:' + entry.source
    stack.add(entry.source)
    const h = createHash('sha1').update(entry.source + '\0' + this.contentHash(entry.source))
    for (const s of this.linkSigs(entry, stack)) h.update('\0' + s)
    stack.delete(entry.source)
    const key = h.digest('hex')
    this.embedKeys.set(entry.source, key)
    return key
  }

  /** Key of the body of `entry` rendered into its own page. */
  of(entry: NoteEntry): string {
    const h = createHash('sha1').update(this.engine + '\0' + entry.output + '\0' + this.embedKey(entry, new Set()))
    return h.digest('hex')
  }
}
