/**
 * Listing items for folder, tag and home pages, in a stable order: notes by title, or newest
 * first then title for tag pages and recent notes.
 */
import type { ListingItem } from '../../theme/index.js'
import type { FolderEntry, NoteEntry, TagEntry } from '../vault/vault-index.js'
import { relativeHref, pageOutputPath, type OutputPath } from '../vault/paths.js'
import type { SiteModel } from './emitter.js'
import { folderTitle } from './page-props.js'

const byTitle = (a: NoteEntry, b: NoteEntry) => a.note.title.localeCompare(b.note.title, 'en') || (a.source < b.source ? -1 : 1)
export const newestFirst = (a: NoteEntry, b: NoteEntry) => {
  const da = a.note.meta.date ?? ''
  const db = b.note.meta.date ?? ''
  return da !== db ? (da < db ? 1 : -1) : byTitle(a, b)
}

export function noteItem(from: OutputPath, n: NoteEntry): ListingItem {
  return { kind: 'note', title: n.note.title, href: relativeHref(from, n.output), date: n.note.meta.date, description: n.note.meta.description }
}

export function folderListings(site: SiteModel, from: OutputPath, folder: FolderEntry) {
  const subfolders = [...folder.subfolders].sort().map((p): ListingItem => {
    const f = site.index.folders.get(p) as FolderEntry
    return { kind: 'folder', title: folderTitle(site, p), href: relativeHref(from, pageOutputPath(f.slug)), count: countNotes(site, f) }
  })
  const notes = folder.notes.filter((n) => n.slug !== folder.slug).sort(byTitle).map((n) => noteItem(from, n))
  const out = []
  if (subfolders.length) out.push({ heading: 'Folders', items: subfolders })
  if (notes.length) out.push({ heading: 'Notes', items: notes })
  return out
}

function countNotes(site: SiteModel, f: FolderEntry): number {
  let n = f.notes.length
  for (const s of f.subfolders) n += countNotes(site, site.index.folders.get(s) as FolderEntry)
  return n
}

export function tagListings(site: SiteModel, from: OutputPath, tag: TagEntry) {
  const out = []
  const children = [...tag.children].map((k) => site.index.tags.get(k) as TagEntry).sort((a, b) => (a.name < b.name ? -1 : 1))
  if (children.length)
    out.push({ heading: 'Nested tags', items: children.map((c): ListingItem => ({ kind: 'tag', title: c.name, href: relativeHref(from, pageOutputPath(c.slug)), count: c.notes.length })) })
  out.push({ heading: `Notes tagged #${tag.name}`, items: [...tag.notes].sort(newestFirst).map((n) => noteItem(from, n)) })
  return out
}

export function allTagsListing(site: SiteModel, from: OutputPath) {
  const tags = [...site.index.tags.values()].sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1))
  return [{ heading: 'All tags', items: tags.map((t): ListingItem => ({ kind: 'tag', title: t.name, href: relativeHref(from, pageOutputPath(t.slug)), count: t.notes.length })) }]
}

export function recentListing(site: SiteModel, from: OutputPath, limit = 10) {
  const dated = [...site.index.notes.values()].filter((n) => n.note.meta.date).sort(newestFirst).slice(0, limit)
  return dated.length ? [{ heading: 'Recent notes', items: dated.map((n) => noteItem(from, n)) }] : []
}
