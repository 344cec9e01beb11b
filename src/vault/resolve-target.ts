/**
 * Obsidian link resolution (R1–R10): a link path → a published note, an attachment, or a
 * generated page (folder, tag). Case-insensitive; exact vault path first, then relative to the
 * linking note, then unique name or path suffix ("shortest path"); among duplicates the
 * linking note's folder wins, then the shortest path, then alphabetical order (ambiguous).
 */
import type { AttachmentEntry, FolderEntry, NoteEntry, TagEntry, VaultIndex } from './vault-index.js'
import { baseName, folderOf, joinVaultPath, stripMd, type SourcePath } from './paths.js'

export type Resolution =
  | { kind: 'note'; entry: NoteEntry; ambiguous?: SourcePath[] }
  | { kind: 'attachment'; entry: AttachmentEntry; ambiguous?: SourcePath[] }
  | { kind: 'folder'; entry: FolderEntry }
  | { kind: 'tag'; entry: TagEntry }

export type Unresolved = { kind: 'unresolved'; reason: 'missing' | 'unpublished' | 'outside-vault' }

const key = (s: string) => s.normalize('NFC').toLowerCase()

function depth(p: string) {
  return p.split('/').length
}

/**
 * Picks among same-named files: the one whose name matches the link's case exactly (files that
 * differ only by case), then the linking note's folder, else the shortest path, else first.
 */
function pick<E extends { source: SourcePath }>(cands: E[], fromFolder: string, written: string): { entry: E; ambiguous?: SourcePath[] } {
  if (cands.length === 1) return { entry: cands[0] }
  const name = written.slice(written.lastIndexOf('/') + 1)
  const sameCase = cands.filter((c) => stripMd(c.source).endsWith(written) || stripMd(baseName(c.source)) === name || baseName(c.source) === name)
  if (sameCase.length === 1 && cands.every((c) => key(c.source) === key(sameCase[0].source))) return { entry: sameCase[0] }
  const local = cands.filter((c) => key(folderOf(c.source)) === key(fromFolder))
  if (local.length === 1) return { entry: local[0] }
  const pool = local.length > 1 ? local : cands
  const sorted = [...pool].sort((a, b) => depth(a.source) - depth(b.source) || (a.source < b.source ? -1 : 1))
  return { entry: sorted[0], ambiguous: cands.map((c) => c.source) }
}

function lookup<E extends { source: SourcePath }>(
  paths: Map<string, E[]>, names: Map<string, E[]>, t: string, fromFolder: string, rooted: boolean, written: string,
): { entry: E; ambiguous?: SourcePath[] } | undefined {
  const pick_ = (c: E[]) => pick(c, fromFolder, written)
  const bare = !t.includes('/') && !rooted
  // A bare name matches the file of that name anywhere (R2, R5): the vault-root file must not
  // win over one in the linking note's folder just because its path equals the name.
  const exact = bare ? undefined : paths.get(t)
  if (exact) return pick_(exact)
  if (!rooted && !bare) {
    const rel = joinVaultPath(key(fromFolder), t)
    const relHit = rel !== null ? paths.get(rel) : undefined
    if (relHit) return pick_(relHit)
  }
  if (t.startsWith('.')) return undefined
  const name = t.slice(t.lastIndexOf('/') + 1)
  const same = names.get(name)
  if (!same) return undefined
  const cands = t.includes('/') ? same.filter((e) => key(e.source).endsWith('/' + t) || key(stripMd(e.source)).endsWith('/' + t)) : same
  return cands.length ? pick_(cands) : undefined
}

/**
 * Resolves a link path as written (`Note`, `folder/Note.md`, `../x`, `img.png`, `/abs`).
 * `from` is the linking note. An empty path is not passed here (same-note links).
 */
export function resolveTarget(index: VaultIndex, from: SourcePath, target: string): Resolution | Unresolved {
  const fromFolder = folderOf(from)
  // The link check, the render keys and the graph all resolve the same links against one index.
  let memo = resolved.get(index)
  if (!memo) resolved.set(index, (memo = new Map()))
  const memoKey = fromFolder + '\0' + target
  let r = memo.get(memoKey)
  if (!r) memo.set(memoKey, (r = resolveUncached(index, fromFolder, target)))
  return r
}

const resolved = new WeakMap<VaultIndex, Map<string, Resolution | Unresolved>>()

function resolveUncached(index: VaultIndex, fromFolder: string, target: string): Resolution | Unresolved {
  const slashed = target.trim().replace(/\\/g, '/').normalize('NFC')
  const rooted = slashed.startsWith('/')
  const asWritten = slashed.replace(/^\/+|\/+$/g, '')
  const written = stripMd(asWritten)
  const t = key(asWritten)
  if (!t) return { kind: 'unresolved', reason: 'missing' }
  if (!rooted && joinVaultPath(fromFolder, t) === null && t.startsWith('..')) return { kind: 'unresolved', reason: 'outside-vault' }

  const noteKey = stripMd(t)
  const note = lookup(index.notePaths, index.noteNames, noteKey, fromFolder, rooted, written)
  if (note) return { kind: 'note', ...note }
  if (!/\.md$/.test(t)) {
    const att = lookup(index.attachmentPaths, index.attachmentNames, t, fromFolder, rooted, asWritten)
    if (att) return { kind: 'attachment', ...att }
  }
  // Generated pages exist on the site, so links to them are not dead (R8).
  const tagMatch = /^tags\/(.+)$/.exec(noteKey)
  if (tagMatch) {
    const tag = index.tag(tagMatch[1])
    if (tag) return { kind: 'tag', entry: tag }
  }
  const folder = index.folderPaths.get(noteKey) ?? index.folderPaths.get(joinVaultPath(key(fromFolder), noteKey) ?? '\0')
  if (folder) return { kind: 'folder', entry: folder }
  if (index.unpublished.has(noteKey) || (!noteKey.includes('/') && index.unpublishedNames.has(noteKey)))
    return { kind: 'unresolved', reason: 'unpublished' }
  return { kind: 'unresolved', reason: 'missing' }
}
