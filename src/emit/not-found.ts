/** The 404 page, served by static hosts for unknown paths (links in it are relative to the site root). */
import type { Emitter } from './emitter.js'
import { writePage } from './page-props.js'
import { asOutputPath } from '../vault/paths.js'
import { h } from 'hastscript'

export const notFound: Emitter = {
  name: 'not-found',
  async emit(site, sink) {
    await writePage(site, sink, asOutputPath('404.html'), {
      kind: 'not-found', title: 'Page not found', tags: [], cssclasses: [], headings: [], listings: [], backlinks: null, styles: [],
      content: [h('p', ['This page does not exist. ', h('a', { href: 'index.html' }, 'Go to the home page'), '.'])],
    }, '')
  },
}
