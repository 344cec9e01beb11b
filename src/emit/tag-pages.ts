/** A page per tag and tag prefix (`a` for `a/b`), and the all-tags page, unless a note supplies it (`tags/x.md`). */
import type { Emitter } from './emitter.js'
import { writePage } from './page-props.js'
import { tagListings, allTagsListing } from './listings.js'
import { pageOutputPath, TAG_INDEX_SLUG } from '../vault/paths.js'

export const tagPages: Emitter = {
  name: 'tag-pages',
  indexOnly: true,
  async emit(site, sink) {
    const { index } = site
    for (const tag of [...index.tags.values()].sort((a, b) => (a.slug < b.slug ? -1 : 1))) {
      if (index.bySlug.has(tag.slug)) continue
      const output = pageOutputPath(tag.slug)
      await writePage(site, sink, output, {
        kind: 'tag', title: `#${tag.name}`, tags: [], cssclasses: [], content: [], headings: [],
        listings: tagListings(site, output, tag), backlinks: null, styles: [],
      }, 'tags')
    }
    if (!index.bySlug.has(TAG_INDEX_SLUG) && ![...index.folders.values()].some((f) => f.slug === TAG_INDEX_SLUG)) {
      const output = pageOutputPath(TAG_INDEX_SLUG)
      await writePage(site, sink, output, {
        kind: 'tag', title: 'Tags', tags: [], cssclasses: [], content: [], headings: [],
        listings: allTagsListing(site, output), backlinks: null, styles: [],
      }, '')
    }
  },
}
