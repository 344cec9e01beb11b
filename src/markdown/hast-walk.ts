/**
 * A plain pre-order walk over the elements of a hast tree, for the render stage's per-note
 * passes. unist-util-visit allocates an ancestors array and a named closure per node, which was
 * most of the render stage's time. Same order and semantics as `visit(tree, 'element', fn)` for
 * the actions here: an element's children are read after its visitor ran (a visitor may replace
 * them) and the live length is re-read as the walk goes (a visitor may change its siblings).
 */
import type { Element, Root } from 'hast'

/** Do not walk into this element's children. */
export const SKIP = 1
/** Take this element out of its parent (its children are not walked); the walk goes on with the next sibling. */
export const REMOVE = 2
/** Stop the whole walk. */
export const EXIT = 3

export type Action = typeof SKIP | typeof REMOVE | typeof EXIT | void

export interface Walker {
  enter: (el: Element, parent: Root | Element) => Action
  /** After the element's children (also when they were skipped); not for removed elements. */
  leave?: (el: Element) => void
}

/** Walks the elements below `tree` in document order. Returns false when a visitor exited. */
export function walkElements(tree: Root | Element, walker: Walker): boolean {
  for (let i = 0; i < tree.children.length; i++) {
    const node = tree.children[i]
    if (node.type !== 'element') continue
    const action = walker.enter(node, tree)
    if (action === EXIT) return false
    if (action === REMOVE) {
      tree.children.splice(i, 1)
      i--
      continue
    }
    if (action !== SKIP && !walkElements(node, walker)) return false
    walker.leave?.(node)
  }
  return true
}

/** Does any element below `tree` satisfy `test`? Stops at the first. */
export function someElement(tree: Root | Element, test: (el: Element) => boolean): boolean {
  return !walkElements(tree, { enter: (el) => (test(el) ? EXIT : undefined) })
}

/** The element's class list, when it is one (hast `className` is an array of tokens). */
export function classesOf(el: Element): unknown[] | undefined {
  const cls = el.properties?.className
  return Array.isArray(cls) ? cls : undefined
}
