/**
 * Obsidian's default (non-strict) line breaks: every line ending inside text becomes a `break`.
 * The same tree as remark-breaks (mdast-util-newline-to-break: the text is split at each
 * `\r?\n|\r`, the pieces lose their positions), in one plain walk: its find-and-replace visits
 * with unist-util-visit-parents, which allocates a parents array per node and showed in profiles.
 */
import type { Break, Parent, Root, RootContent, Text } from 'mdast'
import type { Transformer } from 'unified'

const LINE_ENDING = /\r?\n|\r/g

export function remarkSoftBreaks(): Transformer<Root, Root> {
  return (tree) => {
    walk(tree)
  }
}

function walk(parent: Parent): void {
  const children = parent.children as RootContent[]
  for (let index = 0; index < children.length; index++) {
    const child = children[index]
    if (child.type === 'text') {
      const pieces = split(child.value)
      if (pieces) {
        children.splice(index, 1, ...pieces)
        index += pieces.length - 1
      }
    } else if ('children' in child) walk(child)
  }
}

/** The text and breaks that replace `value`, or undefined when it has no line ending. */
function split(value: string): Array<Text | Break> | undefined {
  if (!value.includes('\n') && !value.includes('\r')) return undefined
  const pieces: Array<Text | Break> = []
  let start = 0
  LINE_ENDING.lastIndex = 0
  for (let match = LINE_ENDING.exec(value); match; match = LINE_ENDING.exec(value)) {
    if (match.index !== start) pieces.push({ type: 'text', value: value.slice(start, match.index) })
    pieces.push({ type: 'break' })
    start = match.index + match[0].length
  }
  if (start < value.length) pieces.push({ type: 'text', value: value.slice(start) })
  return pieces
}
