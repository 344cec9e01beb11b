/**
 * A page for every folder without its own `index.md`, and a generated home page if the vault has
 * no root index.md. Folders whose names differ only by case share one page (their slug), and a
 * vault folder named `tags` shares its page with the all-tags listing.
 */
import type { Emitter } from './emitter.js'
import { writePage, folderTitle } from './page-props.js'
import { folderListings, recentListing, allTagsListing } from './listings.js'
import { pageOutputPath, folderOf, TAG_INDEX_SLUG, type Slug } from '../vault/paths.js'
import type { FolderEntry } from '../vault/vault-index.js'

/** One entry per page: folders with the same slug merged, in path order. */
export function foldersBySlug(folders: Iterable<FolderEntry>): FolderEntry[] {
  const bySlug = new Map<Slug, FolderEntry>()
  for (const f of [...folders].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    const seen = bySlug.get(f.slug)
    if (!seen) bySlug.set(f.slug, { ...f, notes: [...f.notes], subfolders: new Set(f.subfolders) })
    else {
      seen.notes.push(...f.notes)
      for (const s of f.subfolders) seen.subfolders.add(s)
    }
  }
  return [...bySlug.values()].sort((a, b) => (a.slug < b.slug ? -1 : 1))
}

export const folderPages: Emitter = {
  name: 'folder-pages',
  indexOnly: true,
  async emit(site, sink) {
    for (const folder of foldersBySlug(site.index.folders.values())) {
      if (site.index.bySlug.has(folder.slug)) continue
      const output = pageOutputPath(folder.slug)
      const isHome = folder.path === ''
      await writePage(site, sink, output, {
        kind: isHome ? 'home' : 'folder',
        title: folderTitle(site, folder.path),
        tags: [],
        cssclasses: [],
        content: [],
        headings: [],
        listings: [
          ...(isHome ? recentListing(site, output) : []),
          ...folderListings(site, output, folder),
          ...(folder.slug === TAG_INDEX_SLUG ? allTagsListing(site, output) : []),
        ],
        backlinks: null,
        styles: [],
      }, isHome ? '' : folderOf(folder.path))
    }
  },
}
