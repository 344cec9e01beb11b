import { h } from 'hastscript'
import type { Element } from 'hast'
import type { LinkItem } from '../layouts/page.js'

/** The note's tags; each link's text is exactly `#tag`. */
export function tagList(tags: LinkItem[]): Element {
  return h('ul.tag-list', { 'aria-label': 'Tags' }, tags.map((t) => h('li', [h('a.tag', { href: t.href }, '#' + t.title)])))
}
