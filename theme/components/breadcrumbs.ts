import { h } from 'hastscript'
import type { Element } from 'hast'
import type { LinkItem } from '../layouts/page.js'

/** Folder trail from the home page to the current page's folder. */
export function breadcrumbs(items: LinkItem[]): Element {
  return h('nav.breadcrumbs', { 'aria-label': 'Breadcrumbs' }, [
    h('ol', items.map((c) => h('li', [h('a', { href: c.href }, c.title)]))),
  ])
}
