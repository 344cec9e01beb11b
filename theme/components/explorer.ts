import { h } from 'hastscript'
import type { Element, ElementContent } from 'hast'
import type { LinkItem } from '../layouts/page.js'

/** The folders from the root down to the current page, and the page itself. */
export interface ExplorerBranch {
  homeHref: string
  siteTitle: string
  folders: LinkItem[]
  current?: LinkItem
  /** Href of the explorer tree JSON the client loads to show the whole vault. */
  treeHref?: string
}

/**
 * The explorer as rendered into the page: only the branch that leads to this page, so the page
 * does not grow with the vault. grove.js replaces it with the full, collapsible folder tree
 * (`<details>` per folder) from the explorer JSON, with this branch open.
 */
export function explorer(b: ExplorerBranch): Element {
  let inner: ElementContent[] = b.current ? [h('li', [h('a', { href: b.current.href, ariaCurrent: 'page' }, b.current.title)])] : []
  for (const f of [...b.folders].reverse()) {
    inner = [h('li.explorer-folder', [h('details', { open: true }, [h('summary', f.title), h('ul', [h('li', [h('a.explorer-folder-page', { href: f.href }, f.title)]), ...inner])])])]
  }
  return h('nav#explorer.explorer', { ariaLabel: 'Explorer', dataTree: b.treeHref }, [
    h('p.explorer-title', [h('a', { href: b.homeHref }, b.siteTitle)]),
    h('ul.explorer-tree', inner),
  ])
}
