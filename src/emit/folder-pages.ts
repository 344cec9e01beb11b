/** A page for every folder without its own `index.md`, and a generated home page if the vault has no root index.md. */
import type { Emitter } from './emitter.js'
import { writePage, folderTitle } from './page-props.js'
import { folderListings, recentListing } from './listings.js'
import { pageOutputPath, folderOf } from '../vault/paths.js'

export const folderPages: Emitter = {
  name: 'folder-pages',
  async emit(site, sink) {
    for (const folder of [...site.index.folders.values()].sort((a, b) => (a.slug < b.slug ? -1 : 1))) {
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
        listings: [...(isHome ? recentListing(site, output) : []), ...folderListings(site, output, folder)],
        backlinks: null,
        styles: [],
      }, isHome ? '' : folderOf(folder.path))
    }
  },
}
