/**
 * The 404 page, which static hosts serve for unknown paths at any depth. With a baseUrl it gets a
 * `<base href>` of the site's path (`/docs/` for https://example.org/docs), so its relative links
 * and assets resolve from the site root at any depth; without one, links are relative to the
 * root, which fits hosts that serve it there.
 */
import type { Emitter } from './emitter.js'
import { writePage } from './page-props.js'
import { asOutputPath } from '../vault/paths.js'
import { h } from 'hastscript'

export const notFound: Emitter = {
  name: 'not-found',
  indexOnly: true,
  async emit(site, sink) {
    await writePage(site, sink, asOutputPath('404.html'), {
      kind: 'not-found', title: 'Page not found', tags: [], cssclasses: [], headings: [], listings: [], backlinks: null, styles: [],
      baseHref: site.config.baseUrl ? new URL(site.config.baseUrl + '/').pathname : undefined,
      content: [
        h('p', 'There is no page at this address. It may have been moved or renamed.'),
        h('p', [h('a', { href: 'index.html' }, 'Go to the home page'), ' or use search to find what you were looking for.']),
      ],
    }, '')
  },
}
