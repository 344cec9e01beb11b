import { h } from 'hastscript'
import type { Element } from 'hast'
import type { LinkItem } from '../layouts/page.js'

/** Notes that link here. */
export function backlinks(items: LinkItem[]): Element {
  return h('aside.backlinks', { 'aria-labelledby': 'backlinks-heading' }, [
    h('h2#backlinks-heading', 'Backlinks'),
    items.length
      ? h('ul', items.map((b) => h('li', [h('a.internal-link', { href: b.href }, b.title)])))
      : h('p.backlinks-empty', 'No notes link here.'),
  ])
}
