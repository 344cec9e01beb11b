/**
 * The resolve stage: each LinkRef of a note → where it points on the site (note + anchor,
 * attachment, folder/tag page) or unresolved. Shared by the link check (diagnostics,
 * backlinks; once per note) and the renderer (hrefs).
 */
import { createHash } from 'node:crypto'
import type { LinkRef } from '../vault/link-ref.js'
import type { NoteEntry, VaultIndex } from '../vault/vault-index.js'
import { resolveTarget, type Resolution, type Unresolved } from '../vault/resolve-target.js'
import { findHeading } from '../vault/headings.js'
import type { DiagnosticBag } from '../report/messages.js'
import type { SourcePath } from '../vault/paths.js'

export interface ResolvedLink {
  res: Resolution | Unresolved
  /** Element id on the target page: a heading id or `^block-id`. */
  anchor?: string
  /** Index into the target's headings when the fragment named a heading. */
  headingIndex?: number
  /** The fragment named a heading or block the target does not have. */
  missingFragment?: 'heading' | 'block'
}

function fragmentAnchor(entry: NoteEntry, fragment: string): Pick<ResolvedLink, 'anchor' | 'headingIndex' | 'missingFragment'> {
  if (fragment.startsWith('^')) {
    const id = fragment.slice(1).toLowerCase()
    const hit = entry.note.blockIds.find((b) => b.toLowerCase() === id)
    return hit ? { anchor: '^' + hit } : { missingFragment: 'block' }
  }
  const headings = entry.note.headings
  let i = findHeading(headings, fragment)
  // Markdown links sometimes carry the anchor slug itself (`#my-heading`).
  if (i < 0) i = headings.findIndex((h) => h.id === fragment.toLowerCase())
  return i >= 0 ? { anchor: headings[i].id, headingIndex: i } : { missingFragment: 'heading' }
}

/** Resolves one link written in note `from`. */
export function resolveLink(index: VaultIndex, from: SourcePath, ref: LinkRef): ResolvedLink {
  let res: Resolution | Unresolved
  if (ref.target === '') {
    const self = index.notes.get(from)
    res = self ? { kind: 'note', entry: self } : { kind: 'unresolved', reason: 'missing' }
  } else res = resolveTarget(index, from, ref.target)
  if (res.kind === 'note' && ref.fragment) return { res, ...fragmentAnchor(res.entry, ref.fragment) }
  return { res }
}

/** How Obsidian shows a link without alias: `Note > Heading`, just `Heading` for `[[#Heading]]`. */
export function linkDisplayText(ref: LinkRef): string {
  if (ref.alias) return ref.alias
  const parts = ref.fragment ? ref.fragment.split('#').filter(Boolean) : []
  return [ref.target, ...parts].filter(Boolean).join(' > ') || ref.raw
}

/**
 * Checks every link of a published note once: positioned diagnostics with did-you-mean, and
 * backlinks into the index. Attachments embedded but missing are `missing-attachment`.
 */
export function checkLinks(index: VaultIndex, entry: NoteEntry, bag: DiagnosticBag, usedAttachments: Set<SourcePath>): LinkCheck {
  const check: LinkCheck = { notes: [], attachments: [] }
  for (const ref of entry.note.links) {
    const r = resolveLink(index, entry.source, ref)
    const place = { line: ref.line, column: ref.column }
    if (r.res.kind === 'attachment') {
      usedAttachments.add(r.res.entry.source)
      check.attachments.push(r.res.entry.source)
    }
    if (r.res.kind === 'note') {
      index.addBacklink(entry.source, r.res.entry.source)
      check.notes.push(r.res.entry.source)
      if (r.missingFragment === 'heading')
        bag.warn('missing-heading', `${ref.raw}: ${r.res.entry.source} has no heading "${ref.fragment}"; the link goes to the top of the note`, place)
      if (r.missingFragment === 'block')
        bag.warn('missing-block', `${ref.raw}: ${r.res.entry.source} has no block "${ref.fragment}"; the link goes to the top of the note`, place)
    }
    if ((r.res.kind === 'note' || r.res.kind === 'attachment') && r.res.ambiguous)
      bag.warn('ambiguous-link', `${ref.raw} matches ${r.res.ambiguous.join(', ')}; using ${r.res.entry.source}`, place)
    if (r.res.kind !== 'unresolved') continue
    if (r.res.reason === 'outside-vault') {
      bag.warn('unsafe-path', `${ref.raw} points outside the vault; it is not linked`, place)
      continue
    }
    const looksLikeFile = /\.[a-z0-9]{2,5}$/i.test(ref.target) && !/\.md$/i.test(ref.target)
    if (ref.embed && looksLikeFile) {
      bag.warn('missing-attachment', `${ref.raw}: no file ${ref.target} in the vault`, place)
      continue
    }
    if (r.res.reason === 'unpublished') {
      bag.warn('unresolved-link', `${ref.raw} points to an unpublished note (draft or publish: false); it is shown as unresolved`, place)
      continue
    }
    const hint = index.suggest(ref.target)
    bag.warn('unresolved-link', `Cannot resolve ${ref.raw}${hint ? `; did you mean ${hint}?` : ''}`, place)
  }
  return check
}

/** What a link check recorded besides diagnostics: the notes and attachments the note links to. */
export interface LinkCheck {
  notes: SourcePath[]
  attachments: SourcePath[]
}

/**
 * Everything link checks read from the index besides the note's own text: which notes,
 * attachments, folders and tags exist, and the headings and block ids of notes. While it is
 * unchanged (a body edit), every other note's check comes out the same and can be replayed.
 */
const inputKeys = new WeakMap<VaultIndex, string>()
export function checkInputsKey(index: VaultIndex): string {
  // A preview session reuses an index across body-only updates: its names are unchanged.
  let k = inputKeys.get(index)
  if (k === undefined) inputKeys.set(index, (k = hashCheckInputs(index)))
  return k
}

function hashCheckInputs(index: VaultIndex): string {
  const h = createHash('sha1')
  for (const e of index.notes.values()) {
    h.update(`n\0${e.source}\0${e.output}\0${e.note.blockIds.join('\0')}\0${e.note.tags.join('\0')}\n`)
    for (const x of e.note.headings) h.update(`${x.depth}\0${x.text}\0${x.id}\n`)
  }
  for (const u of [...index.unpublished].sort()) h.update(`u\0${u}\n`)
  for (const a of index.attachments.keys()) h.update(`a\0${a}\n`)
  return h.digest('hex')
}

// Per index: a session reuses its index across body-only updates, whose links are unchanged.
const embedGraphs = new WeakMap<VaultIndex, Map<SourcePath, SourcePath[]>>()

/** Note → the published notes that embed it, once per index. */
export function embedders(index: VaultIndex): Map<SourcePath, SourcePath[]> {
  const known = embedGraphs.get(index)
  if (known) return known
  const embeddedBy = new Map<SourcePath, SourcePath[]>()
  embedGraphs.set(index, embeddedBy)
  for (const entry of index.notes.values())
    for (const ref of entry.note.links) {
      if (!ref.embed) continue
      const r = resolveLink(index, entry.source, ref)
      if (r.res.kind !== 'note') continue
      const list = embeddedBy.get(r.res.entry.source)
      if (list) list.push(entry.source)
      else embeddedBy.set(r.res.entry.source, [entry.source])
    }
  return embeddedBy
}
