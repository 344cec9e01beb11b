/**
 * RSS 2.0 and Atom feeds of dated notes, newest first by front matter `date`: one for the whole
 * site and one per top-level folder. Feeds need absolute URLs, so they are written only with a
 * baseUrl. Every date comes from front matter (never the clock); XML is built as a tree (xast),
 * so titles and content are escaped by construction. Items carry the rendered note, with its
 * relative links made absolute.
 */
import { x } from 'xastscript'
import { toXml } from 'xast-util-to-xml'
import type { Element as XElement } from 'xast'
import type { Element, ElementContent } from 'hast'
import { toHtml } from 'hast-util-to-html'
import type { Emitter, SiteModel } from './emitter.js'
import type { NoteEntry } from '../vault/vault-index.js'
import { canonicalUrl, folderTitle } from './page-props.js'
import { newestFirst } from './listings.js'
import { feedPaths } from './site-paths.js'

/** At most this many items per feed. */
export const FEED_LIMIT = 50

/** A front matter date as a UTC Date: '2026-11-26' is midnight UTC; a time without a zone is UTC. */
export function feedDate(s: string): Date | undefined {
  let iso = s.trim().replace(' ', 'T')
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) iso += 'T00:00:00Z'
  else if (/T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(iso)) iso += 'Z'
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? undefined : d
}

function absolutize(nodes: ElementContent[], base: string): ElementContent[] {
  return nodes.map((n) => {
    if (n.type !== 'element') return n
    const props = { ...n.properties }
    for (const key of ['href', 'src', 'poster'] as const) {
      const v = props[key]
      if (typeof v === 'string' && !v.startsWith('#')) {
        try { props[key] = new URL(v, base).href } catch { /* leave as written */ }
      }
    }
    return { ...n, properties: props, children: absolutize(n.children, base) } as Element
  })
}

interface Item {
  entry: NoteEntry
  url: string
  date: Date
  updated: Date
  html: string
}

/** The notes a feed over `notes` carries: the newest dated ones. */
const feedNotes = (notes: NoteEntry[]) => notes.filter((n) => n.note.meta.date && feedDate(n.note.meta.date)).sort(newestFirst).slice(0, FEED_LIMIT)

function itemsOf(site: SiteModel, notes: NoteEntry[], cache: Map<string, Item>): Item[] {
  return feedNotes(notes).map((entry) => {
    let item = cache.get(entry.source)
    if (!item) {
      const url = canonicalUrl(site, entry.output) as string
      const date = feedDate(entry.note.meta.date as string) as Date
      const updated = (entry.note.meta.updated && feedDate(entry.note.meta.updated)) || date
      const content = site.content(entry.source)
      item = { entry, url, date, updated: updated > date ? updated : date, html: toHtml(absolutize(content.children as ElementContent[], url)) }
      cache.set(entry.source, item)
    }
    return item
  })
}

function rss(site: SiteModel, title: string, home: string, self: string, items: Item[]): string {
  const channel: XElement = x('channel', [
    x('title', title),
    x('link', home),
    x('description', `Recent notes from ${title}`),
    x('language', site.config.language),
    x('generator', 'Grove'),
    x('atom:link', { href: self, rel: 'self', type: 'application/rss+xml' }),
    ...(items[0] ? [x('lastBuildDate', items[0].date.toUTCString())] : []),
    ...items.map((it) => x('item', [
      x('title', it.entry.note.title),
      x('link', it.url),
      x('guid', { isPermaLink: 'true' }, it.url),
      x('pubDate', it.date.toUTCString()),
      ...(it.entry.note.meta.description ? [x('description', it.entry.note.meta.description)] : []),
      ...it.entry.note.tags.map((t) => x('category', t)),
      x('content:encoded', it.html),
    ])),
  ])
  const doc = x('rss', { version: '2.0', 'xmlns:atom': 'http://www.w3.org/2005/Atom', 'xmlns:content': 'http://purl.org/rss/1.0/modules/content/' }, [channel])
  return '<?xml version="1.0" encoding="utf-8"?>\n' + toXml(doc) + '\n'
}

function atom(site: SiteModel, title: string, home: string, self: string, items: Item[]): string {
  const updated = items.reduce<Date | undefined>((m, it) => (!m || it.updated > m ? it.updated : m), undefined)
  const doc = x('feed', { xmlns: 'http://www.w3.org/2005/Atom', 'xml:lang': site.config.language }, [
    x('title', title),
    x('id', self),
    x('link', { href: home }),
    x('link', { href: self, rel: 'self', type: 'application/atom+xml' }),
    x('updated', (updated ?? new Date(0)).toISOString()),
    x('author', [x('name', site.config.title)]),
    x('generator', 'Grove'),
    ...items.map((it) => x('entry', [
      x('title', it.entry.note.title),
      x('id', it.url),
      x('link', { href: it.url, rel: 'alternate', type: 'text/html' }),
      x('published', it.date.toISOString()),
      x('updated', it.updated.toISOString()),
      ...(it.entry.note.meta.description ? [x('summary', it.entry.note.meta.description)] : []),
      ...it.entry.note.tags.map((t) => x('category', { term: t })),
      x('content', { type: 'html' }, it.html),
    ])),
  ])
  return '<?xml version="1.0" encoding="utf-8"?>\n' + toXml(doc) + '\n'
}

/** The site's feed and one per top-level folder, each with the notes it may carry. */
function feedScopes(site: SiteModel): Array<{ folder: string; title: string; notes: NoteEntry[] }> {
  const all = [...site.index.notes.values()]
  const scopes = [{ folder: '', title: site.config.title, notes: all }]
  const root = site.index.folders.get('')
  for (const top of [...(root?.subfolders ?? [])].sort())
    scopes.push({ folder: top, title: `${folderTitle(site, top)} · ${site.config.title}`, notes: all.filter((n) => n.source.startsWith(top + '/')) })
  return scopes
}

export const feed: Emitter = {
  name: 'feed',
  // Items carry note bodies: the last feeds hold while none of their notes is re-rendered.
  indexOnly: (site) => !site.config.baseUrl || !feedScopes(site).some((scope) => feedNotes(scope.notes).some((n) => site.fresh?.has(n.source) ?? true)),
  async emit(site, sink) {
    if (!site.config.baseUrl) return
    const cache = new Map<string, Item>()
    for (const scope of feedScopes(site)) {
      const items = itemsOf(site, scope.notes, cache)
      if (scope.folder && items.length === 0) continue
      const paths = feedPaths(scope.folder)
      const folder = site.index.folders.get(scope.folder)
      const home = canonicalUrl(site, (folder ? folder.slug + '.html' : 'index.html') as never) as string
      await sink.write(paths.rss, rss(site, scope.title, home, canonicalUrl(site, paths.rss) as string, items))
      await sink.write(paths.atom, atom(site, scope.title, home, canonicalUrl(site, paths.atom) as string, items))
    }
  },
}
