/**
 * One page per published note: rendered content, dates, tags, backlinks. A note whose slug is
 * a folder page (`folder/index.md`), a tag page (`tags/x.md`) or the tag index supplies that
 * page's title and body, and the listing is appended.
 */
import type { Element } from 'hast'
import type { Emitter, SiteModel } from './emitter.js'
import { writePage, carryNotePage, notesByOutput } from './page-props.js'
import { searchShardPlan, searchShardOrder, shardPagesDone } from './search-index.js'
import { folderListings, tagListings, allTagsListing, recentListing } from './listings.js'
import { relativeHref, pageOutputPath, folderOf, TAG_INDEX_SLUG, type Slug } from '../vault/paths.js'
import type { FolderEntry, NoteEntry, TagEntry } from '../vault/vault-index.js'

/** What `localeCompare(b, 'en')` does, without building a collator per comparison. */
const byTitleEn = new Intl.Collator('en').compare

const mapsOf = new WeakMap<SiteModel['index'], { folders: Map<Slug, FolderEntry>; tags: Map<Slug, TagEntry>; byOutput: ReadonlyMap<string, NoteEntry> }>()

/**
 * Folders and tags by slug and notes by page: what emitNotePage looks up. Once per index, so a
 * preview session's body-only update, which reuses the last index, reuses them too.
 */
export function notePageMaps(site: SiteModel) {
  let m = mapsOf.get(site.index)
  if (!m) {
    m = {
      folders: new Map([...site.index.folders.values()].map((f) => [f.slug, f])),
      tags: new Map([...site.index.tags.values()].map((t) => [t.slug, t])),
      byOutput: notesByOutput(site),
    }
    mapsOf.set(site.index, m)
  }
  return m
}

export function listingsFor(site: SiteModel, entry: NoteEntry, folderBySlug: Map<Slug, FolderEntry>, tagBySlug: Map<Slug, TagEntry>) {
  const folder = folderBySlug.get(entry.slug)
  const tag = tagBySlug.get(entry.slug)
  if (entry.slug === TAG_INDEX_SLUG) return allTagsListing(site, entry.output)
  if (tag) return tagListings(site, entry.output, tag)
  if (folder) return [...(entry.slug === 'index' ? recentListing(site, entry.output) : []), ...folderListings(site, entry.output, folder)]
  return []
}

export async function emitNotePage(site: SiteModel, sink: Parameters<Emitter['emit']>[1], entry: NoteEntry, maps: { folders: Map<Slug, FolderEntry>; tags: Map<Slug, TagEntry> }) {
  const { index } = site
  const { html, features } = site.rendered(entry.source)
  const backlinkSources = [...(index.backlinks.get(entry.source) ?? [])]
  const backlinks = backlinkSources
    .map((s) => index.notes.get(s) as NoteEntry)
    .sort((a, b) => byTitleEn(a.note.title, b.note.title) || (a.source < b.source ? -1 : 1))
    .map((n) => ({ title: n.note.title, href: relativeHref(entry.output, n.output) }))
  const meta = entry.note.meta
  const isHome = entry.slug === 'index'
  await writePage(site, sink, entry.output, {
    kind: isHome ? 'home' : 'note',
    title: entry.note.title,
    description: meta.description,
    date: meta.date,
    updated: meta.updated,
    tags: entry.note.tags.map((t) => ({ title: t, href: relativeHref(entry.output, pageOutputPath(index.tag(t)?.slug ?? ('tags/index' as Slug))) })),
    cssclasses: meta.cssclasses,
    content: [{ type: 'raw', value: html } as unknown as Element],
    headings: entry.note.headings.map((x) => ({ depth: x.depth, id: x.id, text: x.label })),
    listings: listingsFor(site, entry, maps.folders, maps.tags),
    backlinks,
    styles: features.includes('math') ? ['katex/katex.min.css'] : [],
    scripts: features.includes('code') || features.includes('mermaid') ? ['syntax.js'] : [],
  }, folderOf(entry.source))
}

export const notePages: Emitter = {
  name: 'note-pages',
  // Pages of notes outside site.fresh are carried over in a body-only build.
  async emit(site, sink) {
    const maps = notePageMaps(site)
    const plan = searchShardPlan(site)
    try {
      // Shard by shard, so the search index can work on a finished shard meanwhile.
      for (const i of searchShardOrder(site)) {
        const outputs = plan[i]
        for (const output of outputs) {
          const entry = maps.byOutput.get(output) as NoteEntry
          if (site.fresh && !site.fresh.has(entry.source) && (await carryNotePage(site, sink, entry.output))) continue
          await emitNotePage(site, sink, entry, maps)
        }
        shardPagesDone(site, i)
      }
    } finally {
      shardPagesDone(site)
    }
  },
}
