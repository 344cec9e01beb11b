/**
 * Body-only builds. After a committed build the cache records the build's shape: which notes
 * and attachments there were (with the attachments' stats) and which files each emitter wrote.
 * When the next build finds the same files and every re-parsed note has the same summary apart
 * from positions (same title, properties, headings, block ids, tags and links: a body edit), no
 * name, link or listing in the site changed. Then only the edited notes and the notes that embed
 * them (transitively) can render differently; every other page, and every file of an emitter
 * that does not read note bodies, is the previous build's and is carried over as it is, without
 * computing its props or keys. Anything else is an ordinary build.
 */
import type { Discovered } from '../stages/discover.js'
import type { NoteSummary, VaultIndex } from '../vault/vault-index.js'
import type { SourcePath } from '../vault/paths.js'
import { embedders } from '../stages/resolve.js'

export interface BuildShape {
  notes: string[]
  /** Attachment path → `size:mtime`. */
  attachments: Map<string, string>
  skipped: string[]
  /** The files each emitter wrote or kept, by emitter name. */
  emitted: Map<string, string[]>
  /** The key over every name link checks can see (checkInputsKey), unchanged by body edits. */
  checkInputs?: string
}

export function shapeOf(found: Discovered, emitted: Map<string, string[]>, checkInputs?: string): BuildShape {
  const attachments = new Map(found.attachments.map((a) => [a as string, `${found.sizes.get(a) ?? -1}:${found.mtimes.get(a) ?? -1}`]))
  return { notes: [...found.notes], attachments, skipped: [...found.skipped], emitted, checkInputs }
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i])

/** A summary without source positions: what other pages can see of a note. */
export function summaryShape(s: NoteSummary | null | undefined): string {
  if (!s) return 'none'
  return JSON.stringify({ ...s, links: s.links.map(({ line: _l, column: _c, ...rest }) => rest) })
}

/**
 * The notes changed by body edits only, when that is all that changed since `previous` (the
 * same notes, attachments and skipped paths, and for each re-parsed note the same summary
 * shape); undefined when anything else may have changed.
 */
export function bodyOnlyChanges(
  previous: BuildShape | undefined,
  found: Discovered,
  reparsed: Array<{ source: SourcePath; before: NoteSummary | null | undefined; after: NoteSummary | null }>,
): Set<SourcePath> | undefined {
  if (!previous || !sameList(previous.notes, found.notes) || !sameList(previous.skipped, found.skipped)) return undefined
  if (previous.attachments.size !== found.attachments.length) return undefined
  for (const a of found.attachments) if (previous.attachments.get(a) !== `${found.sizes.get(a) ?? -1}:${found.mtimes.get(a) ?? -1}`) return undefined
  const dirty = new Set<SourcePath>()
  for (const r of reparsed) {
    if (r.before === undefined || summaryShape(r.before) !== summaryShape(r.after)) return undefined
    dirty.add(r.source)
  }
  return dirty
}

/** `dirty` and every published note that embeds one of them, directly or through other embeds. */
export function embeddersOf(index: VaultIndex, dirty: Iterable<SourcePath>): Set<SourcePath> {
  const embeddedBy = embedders(index)
  const out = new Set<SourcePath>()
  const stack = [...dirty]
  for (let s = stack.pop(); s !== undefined; s = stack.pop()) {
    if (out.has(s)) continue
    out.add(s)
    for (const e of embeddedBy.get(s) ?? []) stack.push(e)
  }
  return out
}
