import { h } from 'hastscript'
import type { Element, ElementContent } from 'hast'
import type { LinkItem } from '../layouts/page.js'

export interface PageNav {
  prev?: LinkItem
  next?: LinkItem
}

/** Previous and next note in the same folder. */
export function pageNav(n: PageNav): Element | null {
  if (!n.prev && !n.next) return null
  const items: ElementContent[] = []
  if (n.prev) items.push(h('a.page-nav-prev', { href: n.prev.href, rel: 'prev' }, [h('span.page-nav-label', 'Previous'), h('span.page-nav-title', n.prev.title)]))
  if (n.next) items.push(h('a.page-nav-next', { href: n.next.href, rel: 'next' }, [h('span.page-nav-label', 'Next'), h('span.page-nav-title', n.next.title)]))
  return h('nav.page-nav', { ariaLabel: 'Previous and next' }, items)
}
