import { h } from 'hastscript'
import type { Element, ElementContent } from 'hast'
import type { ListingItem } from '../layouts/page.js'

/** A list of notes, folders or tags (folder, tag and home pages); counts sit outside links. */
export function listing(heading: string, items: ListingItem[]): Element {
  return h('section.listing', [
    h('h2', heading),
    h('ul.listing-items', items.map((it) => {
      const parts: ElementContent[] = [h(it.kind === 'tag' ? 'a.tag' : 'a.internal-link', { href: it.href }, it.kind === 'tag' ? '#' + it.title : it.title)]
      if (it.count !== undefined) parts.push(h('span.count', ` (${it.count})`))
      if (it.date) parts.push({ type: 'text', value: ' ' }, h('time', { dateTime: it.date }, it.date))
      if (it.description) parts.push(h('p.listing-description', it.description))
      return h('li', { className: [`listing-${it.kind}`] }, parts)
    })),
  ])
}
