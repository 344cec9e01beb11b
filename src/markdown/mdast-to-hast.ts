/**
 * mdast-util-to-hast's `toHast`, minus its unist-util-visit walk that collects link and
 * footnote definitions (a tenth of the render stage, run again for every embed). The same
 * definitions go into the same State maps, first one per identifier as before, with a plain
 * walk; toHast is handed an empty root whose handler then converts the real tree.
 */
import type { Root, Nodes } from 'mdast'
import type { Nodes as HastNodes } from 'hast'
import { toHast, defaultHandlers, type Options, type State } from 'mdast-util-to-hast'

function collectDefinitions(node: Nodes, state: State): void {
  if (node.type === 'definition' || node.type === 'footnoteDefinition') {
    const id = String(node.identifier).toUpperCase()
    const map: Map<string, typeof node> = node.type === 'definition' ? state.definitionById : (state.footnoteById as Map<string, typeof node>)
    if (!map.has(id)) map.set(id, node)
  }
  if ('children' in node) for (const child of node.children) collectDefinitions(child, state)
}

export function mdastToHast(tree: Root, options: Options): HastNodes {
  const rootHandler = options.handlers?.root ?? defaultHandlers.root
  const root = (state: State) => {
    collectDefinitions(tree, state)
    return rootHandler(state, tree, undefined)
  }
  // The root handler returns a root, which the Handler type does not admit (as in mdast-util-to-hast).
  return toHast({ type: 'root', children: [] }, { ...options, handlers: { ...options.handlers, root: root as never } })
}
