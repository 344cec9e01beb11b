/**
 * Shared page chrome for every emitter: relative hrefs to home and assets, breadcrumbs from
 * folder pages, the explorer branch, previous/next, feeds, social metadata, and the one place a
 * page hast tree is serialised and written (note pages are also handed to the search index).
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { toHtml } from 'hast-util-to-html'
import { pageLayout, ASSET_DIR, type PageProps, type LinkItem, type PageNav } from '../../theme/index.js'
import { relativeHref, pageOutputPath, asOutputPath, folderOf, baseName, type OutputPath, type Slug } from '../vault/paths.js'
import type { NoteEntry } from '../vault/vault-index.js'
import type { SiteModel } from './emitter.js'
import type { Sink } from '../output/sink.js'
import { sha1, type PageMemo } from '../cache/build-cache.js'
import { notePageHtml, queueSearchPage, keepSearchPage } from './search-index.js'
import { socialImageUrl } from './social-image.js'
import { EXPLORER_JSON, feedPaths, graphPageOutput } from './site-paths.js'
import { feedDate } from './feed.js'

export type PageBody = Omit<PageProps, 'siteTitle' | 'lang' | 'homeHref' | 'assetHref' | 'canonical' | 'crumbs'> & { crumbs?: LinkItem[] }

/** Title of a folder: its `index.md` title if it has one, else the folder's name. */
export function folderTitle(site: SiteModel, folderPath: string): string {
  const f = site.index.folders.get(folderPath)
  const note = f ? site.index.bySlug.get(f.slug) : undefined
  return note?.note.title ?? (folderPath ? baseName(folderPath) : site.config.title)
}

/** Home / folder / subfolder links for a page inside `folderPath`. */
export function crumbsFor(site: SiteModel, from: OutputPath, folderPath: string): LinkItem[] {
  const crumbs: LinkItem[] = [{ title: 'Home', href: relativeHref(from, pageOutputPath('index' as Slug)) }]
  if (!folderPath) return crumbs
  const parts = folderPath.split('/')
  for (let i = 1; i <= parts.length; i++) {
    const p = parts.slice(0, i).join('/')
    const f = site.index.folders.get(p)
    if (f) crumbs.push({ title: folderTitle(site, p), href: relativeHref(from, pageOutputPath(f.slug)) })
  }
  return crumbs
}

export function canonicalUrl(site: SiteModel, output: OutputPath): string | undefined {
  if (!site.config.baseUrl) return undefined
  return site.config.baseUrl + '/' + output.split('/').map(encodeURIComponent).join('/')
}

/** What pages look up in the index: pure functions of it, so a preview session's reused index (a body-only update) keeps them. */
interface IndexLookups {
  byOutput: Map<string, NoteEntry>
  nav: Map<string, { prev?: NoteEntry; next?: NoteEntry }>
  /** Top-level folders that have a feed (at least one dated note). */
  feedFolders: Set<string>
}
interface SiteCache extends IndexLookups {
  favicon?: OutputPath
  graph: OutputPath
}
const lookups = new WeakMap<SiteModel['index'], IndexLookups>()
const caches = new WeakMap<SiteModel, SiteCache>()

const byTitle = (a: NoteEntry, b: NoteEntry) => a.note.title.localeCompare(b.note.title, 'en') || (a.source < b.source ? -1 : 1)

function lookupsOf(index: SiteModel['index']): IndexLookups {
  let l = lookups.get(index)
  if (l) return l
  const byOutput = new Map([...index.notes.values()].map((n) => [n.output as string, n]))
  const nav = new Map<string, { prev?: NoteEntry; next?: NoteEntry }>()
  for (const folder of index.folders.values()) {
    const notes = folder.notes.filter((n) => n.slug !== folder.slug && n.slug !== 'index').sort(byTitle)
    notes.forEach((n, i) => nav.set(n.output, { prev: notes[i - 1], next: notes[i + 1] }))
  }
  const feedFolders = new Set([...index.notes.values()].filter((n) => n.note.meta.date && n.source.includes('/') && feedDate(n.note.meta.date)).map((n) => n.source.split('/')[0]))
  lookups.set(index, (l = { byOutput, nav, feedFolders }))
  return l
}

/** The site's notes by page (output path), once per index. */
export const notesByOutput = (site: SiteModel): ReadonlyMap<string, NoteEntry> => lookupsOf(site.index).byOutput

/** Per-build lookups, computed once: note by output path, previous/next per folder, favicon. */
function cacheOf(site: SiteModel): SiteCache {
  let c = caches.get(site)
  if (c) return c
  const favicon = ['favicon.svg', 'favicon.ico'].find((f) => existsSync(path.join(site.vaultDir, f)))
  c = { ...lookupsOf(site.index), favicon: favicon ? asOutputPath(`${ASSET_DIR}/site-${favicon}`) : undefined, graph: graphPageOutput(site) }
  caches.set(site, c)
  return c
}

/** The vault's own favicon, copied by the site-favicon emitter, if it has one. */
export function siteFaviconOutput(site: SiteModel): OutputPath | undefined {
  return cacheOf(site).favicon
}

function feedLinks(site: SiteModel, output: OutputPath, folderPath: string): PageProps['feeds'] {
  if (!site.config.baseUrl) return []
  const site_ = feedPaths('')
  const links = [
    { title: `${site.config.title} (RSS)`, href: relativeHref(output, site_.rss), type: 'application/rss+xml' },
    { title: `${site.config.title} (Atom)`, href: relativeHref(output, site_.atom), type: 'application/atom+xml' },
  ]
  const top = folderPath.split('/')[0]
  if (top && cacheOf(site).feedFolders.has(top)) {
    const f = feedPaths(top)
    links.push({ title: `${folderTitle(site, top)} · ${site.config.title} (RSS)`, href: relativeHref(output, f.rss), type: 'application/rss+xml' })
  }
  return links
}

// A note body is most of a page's props and the same string from build to build: hash it once.
// Kept per page and per page memo (a session's, or one build's), so a long preview session holds
// one body per page, not one per edit, and a closed session takes its bodies with it.
const bodyHashesOf = new WeakMap<object, Map<string, { body: string; hash: string }>>()
function propsKey(props: PageProps, output: string, memo: object): string {
  const body = props.content.length === 1 && (props.content[0] as { type: string }).type === 'raw' ? (props.content[0] as unknown as { value: string }).value : undefined
  if (body === undefined) return sha1(JSON.stringify(props))
  let bodyHashes = bodyHashesOf.get(memo)
  if (!bodyHashes) bodyHashesOf.set(memo, (bodyHashes = new Map()))
  let known = bodyHashes.get(output)
  if (known?.body !== body) bodyHashes.set(output, (known = { body, hash: sha1(body) }))
  return sha1(JSON.stringify({ ...props, content: known.hash }))
}

/**
 * Carries a note page of the last build over as it is (a body-only build, see build-shape.ts),
 * with its search document. False when it cannot: the caller lays the page out instead.
 */
export async function carryNotePage(site: SiteModel, sink: Sink, output: OutputPath): Promise<boolean> {
  const hit = site.pageMemo?.get(output)
  if (!hit || !sink.carry || (hit.search === undefined && hit.searchHash === undefined)) return false
  if (!(await sink.carry(output))) return false
  handOverSearchDoc(site, output, hit)
  return true
}

/** A reused note page's search document: itself when the memo holds it (memory), else its hash. */
function handOverSearchDoc(site: SiteModel, output: OutputPath, hit: PageMemo): void {
  if (hit.search !== undefined) queueSearchPage(site, output, hit.search, hit.searchHash)
  else keepSearchPage(site, output, hit.searchHash ?? '')
}

export async function writePage(site: SiteModel, sink: Sink, output: OutputPath, body: PageBody, folderPath = folderOf(output)): Promise<void> {
  const cache = cacheOf(site)
  const entry = body.kind === 'note' || body.kind === 'home' ? cache.byOutput.get(output) : undefined
  const crumbs = body.crumbs ?? (body.kind === 'home' ? [] : crumbsFor(site, output, folderPath))
  const link = (n: NoteEntry | undefined) => (n ? { title: n.note.title, href: relativeHref(output, n.output) } : undefined)
  const near = entry ? cache.nav.get(entry.output) : undefined
  const pageNav: PageNav | undefined = near ? { prev: link(near.prev), next: link(near.next) } : undefined
  const canonical = canonicalUrl(site, output)
  const props: PageProps = {
    siteTitle: site.config.title,
    lang: site.config.language,
    homeHref: relativeHref(output, pageOutputPath('index' as Slug)),
    assetHref: (name) => relativeHref(output, asOutputPath(`${ASSET_DIR}/${name}`)),
    canonical,
    page: output,
    aliases: entry?.note.meta.aliases,
    social: body.kind === 'not-found' ? undefined : { type: body.kind === 'note' ? 'article' : 'website', url: canonical, image: entry ? socialImageUrl(site, entry, output) : undefined },
    feeds: body.kind === 'not-found' ? [] : feedLinks(site, output, folderPath),
    faviconHref: cache.favicon ? relativeHref(output, cache.favicon) : undefined,
    explorer: {
      homeHref: relativeHref(output, pageOutputPath('index' as Slug)),
      siteTitle: site.config.title,
      folders: crumbs.slice(1),
      current: body.kind === 'home' || crumbs[crumbs.length - 1]?.href === relativeHref(output, output) ? undefined : { title: body.title, href: relativeHref(output, output) },
      treeHref: relativeHref(output, EXPLORER_JSON),
    },
    pageNav,
    graphHref: relativeHref(output, cache.graph),
    searchable: Boolean(entry),
    ...body,
    crumbs,
  }
  // Layout is a pure function of the props: a page whose props are unchanged is reused, from
  // memory in a session, or as the previous build's file on disk.
  const memo = site.pageMemo
  const key = memo ? propsKey(props, output, memo) : ''
  const hit = memo?.get(output)
  if (hit && hit.key === key) {
    if (hit.html !== undefined) {
      if (entry) handOverSearchDoc(site, output, hit)
      await sink.write(output, hit.html)
      return
    }
    // A note page's search document is known by hash: its shard is re-laid out only if it changed.
    if (sink.keep && (!entry || hit.searchHash !== undefined) && (await sink.keep(output, hit.hash))) {
      if (entry) handOverSearchDoc(site, output, hit)
      return
    }
  }
  const tree = pageLayout(props)
  // The only raw node is the note body, rendered and made safe by the render stage; everything
  // else in the page is a tree, escaped by construction.
  const { html, search } = entry ? notePageHtml(site, tree) : { html: toHtml(tree, { allowDangerousHtml: true }), search: undefined }
  // Hashed once: the page memo keeps it, and the search index keys its shards by it.
  const searchHash = entry ? (search === undefined ? '' : sha1(search)) : undefined
  if (search !== undefined) queueSearchPage(site, output, search, searchHash)
  // A sink that can keep files needs only the hash; one that cannot (memory) needs the page.
  memo?.set(output, sink.keep ? { key, hash: sha1(html), searchHash } : { key, hash: '', html, search, searchHash })
  await sink.write(output, html)
}
