/**
 * Task lists with any status character (OFM F3). GFM knows only `[ ]` and `[x]`; Obsidian
 * accepts any character and counts it as done:
 *
 * ```md
 * - [?] a question   →  <li class="task-list-item" data-task="?"><input type=checkbox checked disabled> a question
 * - [ ] open         →  <li class="task-list-item" data-task=" ">…
 * ```
 *
 * A tree transform: an item whose first paragraph's first text starts with `[c]` and a space
 * (written at the start of the item, checked in the source so `\[?]` stays text) becomes a
 * task: `checked: true`, the marker removed (positions moved along), and the character kept
 * as `data-task` on the `<li>`. GFM tasks get `data-task` too, read back from the source.
 */
import type { ListItem, Nodes, Root, Text } from 'mdast'
import type { Transformer } from 'unified'
import { sourceOf } from './source-of.js'

const STATUS = /^\[([^\s[\]\\])\][ \t]+/
/** The GFM checkbox as written, after the list marker. */
const GFM_BOX = /^(?:[-*+]|\d{1,9}[.)])[ \t]+\[([ \txX])\]/

export function remarkTaskStatus(): Transformer<Root, Root> {
  return (tree, file) => {
    walk(tree, sourceOf(file))
  }
}


function walk(node: Nodes, source: string | undefined): void {
  if (node.type === 'listItem') taskStatus(node, source)
  if ('children' in node) for (const child of node.children) walk(child as Nodes, source)
}

function setTask(item: ListItem, char: string): void {
  item.data = { ...item.data, hProperties: { ...(item.data?.hProperties ?? {}), dataTask: char } }
}

function taskStatus(item: ListItem, source: string | undefined): void {
  if (typeof item.checked === 'boolean') {
    const start = item.position?.start.offset
    const box = source !== undefined && start !== undefined ? GFM_BOX.exec(source.slice(start, start + 16)) : null
    setTask(item, box ? box[1].replace('\t', ' ') : item.checked ? 'x' : ' ')
    return
  }
  const paragraph = item.children[0]
  if (paragraph?.type !== 'paragraph') return
  const text = paragraph.children[0]
  if (text?.type !== 'text') return
  const match = STATUS.exec(text.value)
  if (!match || !writtenAsIs(text, match[0], source)) return
  // The marker must open the item's first line, not a lazy or later line.
  if (item.position && text.position && text.position.start.line !== item.position.start.line) return
  strip(text, match[0].length)
  if (text.value === '') paragraph.children.shift()
  if (paragraph.position && text.position) paragraph.position = { start: text.position.start, end: paragraph.position.end }
  item.checked = true
  setTask(item, match[1])
}

/** With source, the text must be the literal source (no `\[` escape or entity). */
function writtenAsIs(text: Text, marker: string, source: string | undefined): boolean {
  const start = text.position?.start.offset
  if (source === undefined || start === undefined) return true
  return source.slice(start, start + marker.length) === marker
}

function strip(text: Text, count: number): void {
  text.value = text.value.slice(count)
  const p = text.position
  if (!p) return
  const start = { line: p.start.line, column: p.start.column + count, offset: p.start.offset === undefined ? undefined : p.start.offset + count }
  text.position = { start, end: p.end }
}
