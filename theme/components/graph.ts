import { h } from 'hastscript'
import type { Element } from 'hast'

/**
 * Placeholder for the local graph: grove.js loads graph.js and the graph JSON when it scrolls
 * into view. Without JavaScript only the link to the global graph page shows.
 */
export function localGraph(graphHref: string): Element {
  return h('section.graph', { ariaLabelledby: 'graph-heading' }, [
    h('h2#graph-heading.sidebar-heading', 'Graph'),
    h('div.graph-view', { dataGraph: 'local' }),
    h('p.graph-open', [h('a', { href: graphHref }, 'Open the full graph')]),
  ])
}

/** The global graph page's canvas container. */
export function globalGraph(): Element {
  return h('div.graph-view.graph-global', { dataGraph: 'global' }, [
    h('noscript', [h('p', 'The graph needs JavaScript.')]),
  ])
}
