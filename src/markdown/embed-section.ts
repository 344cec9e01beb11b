/**
 * Picks what an embed shows out of the target note's tree (E1–E3): the whole body, a heading's
 * section (up to the next heading of the same or higher level), or exactly one block.
 */
import type { Root, RootContent, Heading, List, ListItem } from 'mdast'

/** The body without front matter. */
export function wholeNote(tree: Root): RootContent[] {
  return tree.children.filter((n) => n.type !== 'yaml')
}

/** The n-th heading (document order) and the section under it. */
export function headingSection(tree: Root, headingIndex: number): RootContent[] {
  let seen = -1
  const kids = tree.children
  for (let i = 0; i < kids.length; i++) {
    const node = kids[i]
    if (node.type !== 'heading') continue
    seen++
    if (seen !== headingIndex) continue
    const depth = (node as Heading).depth
    let end = i + 1
    while (end < kids.length && !(kids[end].type === 'heading' && (kids[end] as Heading).depth <= depth)) end++
    return kids.slice(i, end)
  }
  // Headings nested in lists or callouts: fall back to the heading alone.
  return []
}

/** The block carrying `^id`, anywhere in the tree. A list item comes wrapped in its list. */
export function blockById(tree: Root, id: string): RootContent[] {
  const want = id.toLowerCase()
  let found: RootContent[] = []
  const walk = (node: Root | RootContent, parent?: Root | RootContent): boolean => {
    const bid = (node.data as { blockId?: string } | undefined)?.blockId
    if (bid && bid.toLowerCase() === want && node.type !== 'root') {
      if (node.type === 'listItem' && parent?.type === 'list') {
        const list = parent as List
        const index = list.children.indexOf(node as ListItem)
        const start = list.ordered ? (list.start ?? 1) + index : undefined
        found = [{ ...list, start, children: [node as ListItem] }]
      } else found = [node]
      return true
    }
    if ('children' in node) {
      for (const child of node.children as RootContent[]) if (walk(child, node)) return true
    }
    return false
  }
  walk(tree)
  return found
}
