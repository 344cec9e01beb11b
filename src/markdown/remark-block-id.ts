/**
 * Obsidian block ids (OFM B1–B4): a trailing ` ^id` names a block so `[[Note#^id]]` and
 * `![[Note#^id]]` can reach it. The marker is removed from the tree and the id is stored as
 * `data.blockId` on the block it names.
 *
 * ```md
 * A paragraph. ^para-id
 *
 * - item ^item-id
 *
 * > quote
 *
 * ^quote-id
 * ```
 *
 * Run AFTER remarkCallout: an id on the line after a callout becomes a lazy continuation of the
 * callout's last paragraph, and it must land on the callout node, which only exists by then.
 * Only paragraph text nodes (and a lazily continued table row) are read, so code, inline code
 * and headings never lose a `^` (O2).
 */
import type { Nodes, Paragraph, Parent, Root, RootContent, Table, Text } from 'mdast'
import type { Point } from 'unist'
import type { Transformer } from 'unified'
import { sourceOf } from './source-of.js'

declare module 'mdast' {
  interface Data {
    /** Obsidian block id, without the `^`, of the block this node is. */
    blockId?: string
  }
}

/** The `data` fields this plugin writes; mdast's base `Data` carries them on every node. */
export interface BlockIdData {
  blockId?: string
}

/** An id (Latin letters, digits, `-`) at the end of a text value, after whitespace or alone. */
const TRAILING_ID = /(^|\s+)\^([A-Za-z0-9-]+)$/
const WHOLE_ID = /^\^([A-Za-z0-9-]+)$/

/** Blocks a `^id` paragraph directly below can name (B3); headings have their own anchors. */
const NAMEABLE = new Set(['list', 'blockquote', 'callout', 'table', 'code', 'math', 'paragraph'])

/** Where the marker sits: the whole paragraph, the paragraph's own last line, or line end. */
type Kind = 'alone' | 'own-line' | 'inline'

interface Marker {
  id: string
  kind: Kind
}

/** Unified plugin: moves `^id` markers into `data.blockId`; see the module comment for order. */
export function remarkBlockId(): Transformer<Root, Root> {
  return (tree, file) => {
    walk(tree, sourceOf(file))
  }
}


function walk(parent: Parent, source: string | undefined): void {
  const children = parent.children as RootContent[]
  for (let index = 0; index < children.length; index++) {
    const child = children[index]
    if ('children' in child) walk(child, source)
    if (child.type === 'table') tableRowId(child, source)
    if (child.type === 'paragraph' && paragraphId(parent, index, source)) index--
  }
}

/** Handles a paragraph ending in a marker; returns true when the paragraph was removed. */
function paragraphId(parent: Parent, index: number, source: string | undefined): boolean {
  const paragraph = parent.children[index] as Paragraph
  const marker = readMarker(paragraph, source)
  if (!marker) return false
  const isLast = index === parent.children.length - 1
  const isContainer = parent.type === 'blockquote' || parent.type === 'callout'

  if (marker.kind === 'alone') {
    const previous = parent.children[index - 1] as Nodes | undefined
    // Inside an item or at the end of a quote/callout the id names the enclosing block (B2, B4).
    let target: Nodes | undefined
    if (parent.type === 'listItem' || (isContainer && isLast)) target = parent as Nodes
    else if (previous && NAMEABLE.has(previous.type)) target = previous
    if (!target) return false // Nothing above to name: the text stays literal.
    setId(target, marker.id)
    parent.children.splice(index, 1)
    return true
  }

  stripMarker(paragraph, source)
  if (parent.type === 'listItem' && (index === 0 || marker.kind === 'own-line')) {
    setId(parent as Nodes, marker.id) // B2: the item, with its children, is the block.
  } else if (isContainer && isLast) {
    setId(parent as Nodes, marker.id) // B4: parts of quotes and callouts can't be named.
  } else {
    setId(paragraph, marker.id)
  }
  return false
}

/** Finds a valid marker at the end of the paragraph without changing anything. */
function readMarker(paragraph: Paragraph, source: string | undefined): Marker | undefined {
  const children = paragraph.children
  const last = children[children.length - 1]
  if (last?.type !== 'text') return undefined
  const match = TRAILING_ID.exec(last.value)
  if (!match || isEscaped(last, match[2], source)) return undefined
  const [, space, id] = match
  if (space === '' && children.length === 1) return { id, kind: 'alone' }
  if (space === '') {
    // A hard break before it puts the id on its own line. Glued to another inline node, as in
    // `![[shot.png]]^shot` (the help vault embeds such a paragraph by its id), it names the line.
    const before = children[children.length - 2]
    if (before?.type === 'break') return { id, kind: 'own-line' }
    return before && before.type !== 'text' ? { id, kind: 'inline' } : undefined
  }
  return { id, kind: space.includes('\n') ? 'own-line' : 'inline' }
}

/** With source at hand, the value must be the literal source text (no `\^` or entity). */
function isEscaped(text: Text, id: string, source: string | undefined): boolean {
  const end = text.position?.end.offset
  if (source === undefined || end === undefined) return false
  const length = id.length + 1
  return source.slice(end - length, end) !== `^${id}` || source[end - length - 1] === '\\'
}

/** Removes the marker and the whitespace (or hard break) before it, fixing end positions. */
function stripMarker(paragraph: Paragraph, source: string | undefined): void {
  const children = paragraph.children
  const last = children[children.length - 1] as Text
  const value = last.value.replace(TRAILING_ID, '')
  if (value === '') {
    children.pop()
    if (children[children.length - 1]?.type === 'break') children.pop()
  } else {
    last.position &&= { start: last.position.start, end: endBefore(last, value, source) }
    last.value = value
  }
  const end = children[children.length - 1]?.position?.end
  if (end && paragraph.position) paragraph.position = { start: paragraph.position.start, end }
}

/** The end point of `text` once its value is cut down to `value`. */
function endBefore(text: Text, value: string, source: string | undefined): Point {
  const { start, end } = text.position!
  const removed = text.value.length - value.length
  const ownLine = text.value.slice(value.length).includes('\n')
  if (source !== undefined && end.offset !== undefined) {
    let offset = end.offset - removed
    if (ownLine) {
      // Skip back over the line's container prefix (`> `, indentation) and the line ending.
      offset = source.lastIndexOf('\n', end.offset - 1)
      while (offset > 0 && /[ \t\r]/.test(source[offset - 1])) offset--
      const lineStart = source.lastIndexOf('\n', offset - 1) + 1
      return { line: end.line - 1, column: offset - lineStart + 1, offset }
    }
    return { line: end.line, column: end.column - (end.offset - offset), offset }
  }
  if (!ownLine) return shift(end, -removed)
  // No source: exact for a one-line rest (no escapes); otherwise a column estimate.
  if (!value.includes('\n')) return { ...shift(start, value.length), line: end.line - 1 }
  return { line: end.line - 1, column: value.length - value.lastIndexOf('\n') }
}

/**
 * GFM continues a table with a pipe-less line, so `^id` right below a table arrives as a
 * one-cell row. Only a row that is exactly the marker (no pipes) is taken as an id.
 */
function tableRowId(table: Table, source: string | undefined): void {
  const row = table.children[table.children.length - 1]
  if (table.children.length < 2 || row.children.length !== 1) return
  const cell = row.children[0]
  const text = cell.children[0]
  if (cell.children.length !== 1 || text.type !== 'text') return
  const match = WHOLE_ID.exec(text.value)
  if (!match || !row.position || !text.position) return
  const { start, end } = row.position
  const bare =
    source !== undefined && start.offset !== undefined && end.offset !== undefined
      ? source.slice(start.offset, end.offset).trim() === text.value
      : text.position.start.column === start.column && text.position.end.column === end.column
  if (!bare) return
  table.children.pop()
  setId(table, match[1])
}

function setId(node: Nodes, id: string): void {
  node.data = { ...node.data, blockId: id }
}

function shift(point: Point, by: number): Point {
  const moved: Point = { line: point.line, column: point.column + by }
  if (point.offset !== undefined) moved.offset = point.offset + by
  return moved
}
