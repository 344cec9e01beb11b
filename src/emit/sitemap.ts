/** sitemap.xml and robots.txt; the sitemap needs absolute URLs, so it is written only with a baseUrl. */
import type { Emitter } from './emitter.js'
import { canonicalUrl } from './page-props.js'

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

export const sitemap: Emitter = {
  name: 'sitemap',
  async emit(site, sink) {
    const lines = ['User-agent: *', 'Allow: /']
    if (site.config.baseUrl) {
      const urls = [...site.index.notes.values()].sort((a, b) => (a.output < b.output ? -1 : 1)).map((n) => {
        const lastmod = n.note.meta.updated ?? n.note.meta.date
        return `  <url><loc>${esc(canonicalUrl(site, n.output) as string)}</loc>${lastmod ? `<lastmod>${esc(lastmod.slice(0, 10))}</lastmod>` : ''}</url>`
      })
      await sink.write('sitemap.xml', `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`)
      lines.push(`Sitemap: ${site.config.baseUrl}/sitemap.xml`)
    }
    await sink.write('robots.txt', lines.join('\n') + '\n')
  },
}
