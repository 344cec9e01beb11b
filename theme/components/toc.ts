import { h } from 'hastscript'
import type { Element } from 'hast'

/** Table of contents of the page's headings (h2–h4). */
export function toc(headings: Array<{ depth: number; id: string; text: string }>): Element {
  const items = headings.filter((x) => x.depth >= 2 && x.depth <= 4)
  return h('nav.toc', { 'aria-label': 'On this page' }, [
    h('p.toc-title', 'On this page'),
    h('ol', items.map((x) => h('li', { className: [`toc-depth-${x.depth}`] }, [h('a', { href: '#' + x.id }, x.text)]))),
  ])
}
