/**
 * sitemap.xml and robots.txt. The sitemap lists every published page (notes, folder and tag
 * pages, the graph page), never drafts, redirects or the 404 page; it needs absolute URLs, so it
 * is written only with a baseUrl. lastmod comes from front matter, never the clock.
 */
import { x } from 'xastscript'
import { toXml } from 'xast-util-to-xml'
import type { Emitter, SiteModel } from './emitter.js'
import { canonicalUrl } from './page-props.js'
import { graphPageOutput } from './site-paths.js'
import { pageOutputPath, TAG_INDEX_SLUG, type OutputPath } from '../vault/paths.js'

/** Every page output with its last-modified date, sorted by path. */
export function sitemapPages(site: SiteModel): Array<{ output: OutputPath; lastmod?: string }> {
  const { index } = site
  const pages = new Map<string, string | undefined>()
  for (const n of index.notes.values()) pages.set(n.output, (n.note.meta.updated ?? n.note.meta.date)?.slice(0, 10))
  for (const f of index.folders.values()) if (!pages.has(pageOutputPath(f.slug))) pages.set(pageOutputPath(f.slug), undefined)
  for (const t of index.tags.values()) if (!pages.has(pageOutputPath(t.slug))) pages.set(pageOutputPath(t.slug), undefined)
  if (!pages.has(pageOutputPath(TAG_INDEX_SLUG)) && !index.folders.has('tags')) pages.set(pageOutputPath(TAG_INDEX_SLUG), undefined)
  pages.set(graphPageOutput(site), undefined)
  return [...pages].sort(([a], [b]) => (a < b ? -1 : 1)).map(([output, lastmod]) => ({ output: output as OutputPath, lastmod }))
}

export const sitemap: Emitter = {
  name: 'sitemap',
  indexOnly: true,
  async emit(site, sink) {
    const lines = ['User-agent: *', 'Allow: /']
    if (site.config.baseUrl) {
      const urls = sitemapPages(site).map((p) => x('url', [x('loc', canonicalUrl(site, p.output)), ...(p.lastmod ? [x('lastmod', p.lastmod)] : [])]))
      const doc = x('urlset', { xmlns: 'http://www.sitemaps.org/schemas/sitemap/0.9' }, urls)
      await sink.write('sitemap.xml', '<?xml version="1.0" encoding="UTF-8"?>\n' + toXml(doc) + '\n')
      lines.push(`Sitemap: ${site.config.baseUrl}/sitemap.xml`)
    }
    await sink.write('robots.txt', lines.join('\n') + '\n')
  },
}
