/**
 * The VaultIndex: every published note and attachment with its slug and output path, lookup
 * tables for Obsidian link resolution, tags, folders and backlinks. Built once per build from
 * the parse summaries, in O(notes + links), and passed explicitly to the stages that need it.
 */
import type { ParsedNote } from '../stages/parse.js'
import {
  asSlug, baseName, folderOf, folderSlug, pageOutputPath, slugForAttachment, slugForSource, stripMd, tagSlug,
  asOutputPath, isReservedSlug, type OutputPath, type Slug, type SourcePath,
} from './paths.js'
import { slugifySegment } from './slugify.js'
import { Suggester } from './suggest.js'

export type NoteSummary = Omit<ParsedNote, 'tree'>

export interface NoteEntry {
  source: SourcePath
  slug: Slug
  output: OutputPath
  note: NoteSummary
}

export interface AttachmentEntry {
  source: SourcePath
  output: OutputPath
}

export interface TagEntry {
  /** Display casing: the first occurrence in path order. */
  name: string
  slug: Slug
  /** Notes tagged with this tag or one of its descendants, in path order. */
  notes: NoteEntry[]
  children: Set<string>
}

export interface FolderEntry {
  /** Vault path as on disk ('' for the root). */
  path: string
  slug: Slug
  notes: NoteEntry[]
  subfolders: Set<string>
}

export interface SlugCollision {
  slug: Slug
  sources: SourcePath[]
}

const key = (s: string) => s.normalize('NFC').toLowerCase()

function push<K, V>(map: Map<K, V[]>, k: K, v: V) {
  const list = map.get(k)
  if (list) list.push(v)
  else map.set(k, [v])
}

export class VaultIndex {
  readonly notes = new Map<SourcePath, NoteEntry>()
  readonly attachments = new Map<SourcePath, AttachmentEntry>()
  readonly bySlug = new Map<Slug, NoteEntry>()
  readonly tags = new Map<string, TagEntry>()
  readonly folders = new Map<string, FolderEntry>()
  readonly backlinks = new Map<SourcePath, Set<SourcePath>>()
  readonly collisions: SlugCollision[] = []
  /** Lower-cased paths of notes that exist but are not published (drafts, `publish: false`). */
  readonly unpublished = new Set<string>()
  /** Lower-cased file names (no folder, no `.md`) of unpublished notes, for bare-name links. */
  readonly unpublishedNames = new Set<string>()
  readonly notePaths = new Map<string, NoteEntry[]>()
  readonly noteNames = new Map<string, NoteEntry[]>()
  readonly attachmentPaths = new Map<string, AttachmentEntry[]>()
  readonly attachmentNames = new Map<string, AttachmentEntry[]>()
  readonly folderPaths = new Map<string, FolderEntry>()

  constructor(published: NoteSummary[], unpublished: SourcePath[], attachments: SourcePath[], permalinkOf: (n: NoteSummary) => Slug | undefined) {
    for (const u of unpublished) {
      this.unpublished.add(key(stripMd(u)))
      this.unpublishedNames.add(key(stripMd(baseName(u))))
    }
    const sorted = [...published].sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0))
    this.assignSlugs(sorted, permalinkOf)
    for (const entry of this.notes.values()) {
      push(this.notePaths, key(stripMd(entry.source)), entry)
      push(this.noteNames, key(stripMd(baseName(entry.source))), entry)
      this.addToFolders(entry)
      this.addTags(entry)
    }
    // Attachments never overwrite a page (an `x.html` file beside `x.md`) or one another.
    const taken = new Set<string>([...this.notes.values()].map((n) => n.output as string))
    taken.add('404.html')
    for (const f of this.folders.values()) taken.add(pageOutputPath(f.slug))
    for (const t of this.tags.values()) taken.add(pageOutputPath(t.slug))
    for (const source of [...attachments].sort()) {
      let base = slugForAttachment(source) as string
      if (isReservedSlug(base)) base = base.replace(/^_grove/, '_grove-files')
      const dot = base.lastIndexOf('.') > base.lastIndexOf('/') ? base.lastIndexOf('.') : base.length
      let output = base
      for (let n = 2; taken.has(output); n++) output = `${base.slice(0, dot)}-${n}${base.slice(dot)}`
      taken.add(output)
      const entry: AttachmentEntry = { source, output: asOutputPath(output) }
      this.attachments.set(source, entry)
      push(this.attachmentPaths, key(source), entry)
      push(this.attachmentNames, key(baseName(source)), entry)
    }
  }

  /** Slugs in sorted source order; a later source whose slug is taken gets `-2`, `-3`, … */
  private assignSlugs(sorted: NoteSummary[], permalinkOf: (n: NoteSummary) => Slug | undefined) {
    const claimants = new Map<Slug, SourcePath[]>()
    for (const note of sorted) {
      let wanted = permalinkOf(note) ?? slugForSource(note.source)
      if (wanted.startsWith('_grove/')) wanted = asSlug(wanted.replace(/^_grove/, '_grove-notes'))
      let slug = wanted
      for (let n = 2; this.bySlug.has(slug) || isReservedSlug(slug); n++) slug = asSlug(`${wanted}-${n}`)
      push(claimants, wanted, note.source)
      const entry: NoteEntry = { source: note.source, slug, output: pageOutputPath(slug), note }
      this.notes.set(note.source, entry)
      this.bySlug.set(slug, entry)
    }
    for (const [slug, sources] of claimants) if (sources.length > 1) this.collisions.push({ slug, sources })
  }

  private folder(path: string): FolderEntry {
    let f = this.folders.get(path)
    if (!f) {
      f = { path, slug: folderSlug(path), notes: [], subfolders: new Set() }
      this.folders.set(path, f)
      this.folderPaths.set(key(path), f)
      if (path) this.folder(folderOf(path)).subfolders.add(path)
    }
    return f
  }

  private addToFolders(entry: NoteEntry) {
    this.folder(folderOf(entry.source)).notes.push(entry)
  }

  private addTags(entry: NoteEntry) {
    const added = new Set<string>()
    for (const tag of entry.note.tags) {
      const parts = tag.split('/')
      for (let i = 1; i <= parts.length; i++) {
        const name = parts.slice(0, i).join('/')
        const k = key(name)
        let t = this.tags.get(k)
        if (!t) {
          t = { name, slug: tagSlug(name), notes: [], children: new Set() }
          this.tags.set(k, t)
        }
        if (i < parts.length) t.children.add(key(parts.slice(0, i + 1).join('/')))
        if (!added.has(k)) {
          added.add(k)
          t.notes.push(entry)
        }
      }
    }
  }

  /** Records that `from` links to `to` (self-links are not backlinks). */
  addBacklink(from: SourcePath, to: SourcePath) {
    if (from === to) return
    let set = this.backlinks.get(to)
    if (!set) this.backlinks.set(to, (set = new Set()))
    set.add(from)
  }

  tag(name: string): TagEntry | undefined {
    return this.tags.get(key(name))
  }

  /** Did-you-mean suggestions among published notes (built on first use). */
  suggest(target: string): string | undefined {
    this.suggester ??= new Suggester([...this.notes.keys()].map(stripMd))
    return this.suggester.suggest(target)
  }
  private suggester?: Suggester
}

/** Slug for a `permalink` value: segments slugified, `.`/`..` dropped, `/` alone is the home page. */
export function permalinkSlug(permalink: string): Slug | undefined {
  const segs = permalink.split(/[\\/]+/).filter((s) => s && s !== '.' && s !== '..')
  if (segs.length === 0) return permalink.trim() === '/' ? asSlug('index') : undefined
  return asSlug(segs.map((s) => slugifySegment(s.replace(/\.html?$/i, ''))).join('/'))
}
