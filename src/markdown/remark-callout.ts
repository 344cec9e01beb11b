/**
 * Turns Obsidian callouts into typed `callout` mdast nodes (OFM C1–C9).
 *
 * ```md
 * > [!faq]- Why *this* title?
 * > Body text, any Markdown.
 * ```
 *
 * Callouts are ordinary blockquotes to CommonMark, so this is a tree transform rather than a
 * micromark construct: the marker is read from the first text node, never from raw source.
 * The source (`file.value`) is only consulted to give split nodes true positions; without it
 * positions are estimated from the node values.
 */
import type { Blockquote, Nodes, Paragraph, PhrasingContent, Root, Text } from 'mdast'
import type { Point } from 'unist'
import type { Transformer } from 'unified'
import { canonicalCalloutType } from './callout-types.js'
import type { Callout } from './nodes.js'
import { sourceOf } from './source-of.js'
export { sourceOf }

export { canonicalCalloutType, defaultCalloutTitle, CALLOUT_TYPES } from './callout-types.js'

/**
 * `[!type]` plus an optional fold sign. Type characters are restricted to letters, digits, `_`
 * and `-` so the marker's value and source lengths agree (no escapes or entities inside).
 */
const MARKER = /^\[!([\p{L}\p{N}_-]+)\]([+-])?/u

/** Characters that may precede a line's content: container prefixes (`>`) and indentation. */
const LINE_PREFIX = /[ \t>]/

/** Unified plugin: every blockquote whose first line starts with `[!type]` becomes a `callout`. */
export function remarkCallout(): Transformer<Root, Root> {
  return (tree, file) => {
    walk(tree, sourceOf(file))
  }
}

/** The file's text, if the processor was given one (`runSync(tree)` alone gives none). */

/** Bottom-up, so nested callouts (C8) are converted before their parent is inspected. */
function walk(node: Nodes, source: string | undefined): void {
  if (!('children' in node)) return
  const children = node.children as Nodes[]
  children.forEach((child, index) => {
    walk(child, source)
    if (child.type !== 'blockquote') return
    const callout = toCallout(child, source)
    if (callout) children[index] = callout
  })
}

function toCallout(quote: Blockquote, source: string | undefined): Callout | undefined {
  const [first, ...rest] = quote.children
  if (first?.type !== 'paragraph') return undefined
  const head = first.children[0]
  if (head?.type !== 'text') return undefined
  const match = MARKER.exec(head.value)
  if (!match) return undefined

  const calloutType = match[1].toLowerCase()
  const fold = match[2] as '+' | '-' | undefined
  const { title, body } = splitFirstLine(first, match[0].length, source)
  const callout: Callout = {
    type: 'callout',
    calloutType,
    canonicalType: canonicalCalloutType(calloutType),
    title,
    children: body ? [body, ...rest] : rest,
  }
  if (fold) callout.fold = fold
  if (quote.position) callout.position = quote.position
  if (quote.data) callout.data = quote.data
  return callout
}

/**
 * Splits the first paragraph at its first line ending (a `\n` in a text node or a `break`):
 * what precedes it, minus the marker, is the title; what follows is the first body paragraph.
 */
function splitFirstLine(
  paragraph: Paragraph,
  markerLength: number,
  source: string | undefined,
): { title: PhrasingContent[]; body?: Paragraph } {
  const [head, ...others] = paragraph.children as [Text, ...PhrasingContent[]]
  const inline: PhrasingContent[] = [sliceText(head, markerLength), ...others]
  let title: PhrasingContent[] = inline
  let rest: PhrasingContent[] = []

  for (let index = 0; index < inline.length; index++) {
    const node = inline[index]
    if (node.type === 'break') {
      title = inline.slice(0, index)
      rest = inline.slice(index + 1)
      break
    }
    if (node.type === 'text' && node.value.includes('\n')) {
      const [before, after] = splitText(node, source)
      title = [...inline.slice(0, index), before]
      rest = [after, ...inline.slice(index + 1)]
      break
    }
  }

  title = trimTitle(title)
  rest = rest.filter((node) => node.type !== 'text' || node.value !== '')
  if (rest.length === 0) return { title }
  const body: Paragraph = { type: 'paragraph', children: rest }
  const start = rest[0].position?.start
  const end = paragraph.position?.end
  if (start && end) body.position = { start, end }
  return { title, body }
}

/** Drops the first `count` characters of a one-line prefix, moving `start` along with them. */
function sliceText(node: Text, count: number): Text {
  const text: Text = { type: 'text', value: node.value.slice(count) }
  if (node.position) {
    text.position = { start: shift(node.position.start, count), end: node.position.end }
  }
  return text
}

/** Splits a text node at its first `\n`; the second half starts on the next line's content. */
function splitText(node: Text, source: string | undefined): [Text, Text] {
  const at = node.value.indexOf('\n')
  const before: Text = { type: 'text', value: node.value.slice(0, at) }
  const after: Text = { type: 'text', value: node.value.slice(at + 1) }
  const position = node.position
  if (!position) return [before, after]
  const { start, end } = position
  let lineEnd: Point = shift(start, at)
  let nextStart: Point
  const newline = source && start.offset !== undefined ? source.indexOf('\n', start.offset) : -1
  if (source && newline >= 0 && start.offset !== undefined) {
    // The parser drops trailing whitespace from the value, so the title ends before it too.
    let stop = newline
    while (stop > start.offset && /[ \t\r]/.test(source[stop - 1])) stop--
    lineEnd = shift(start, stop - start.offset)
    let offset = newline + 1
    while (offset < source.length && LINE_PREFIX.test(source[offset])) offset++
    nextStart = { line: start.line + 1, column: offset - newline, offset }
  } else if (!after.value.includes('\n')) {
    // Without source, the rest of the line ends where the node ends.
    nextStart = shift(end, -after.value.length)
  } else {
    nextStart = { line: start.line + 1, column: 1 }
  }
  before.position = { start, end: lineEnd }
  after.position = { start: nextStart, end }
  return [before, after]
}

/** C5: the title is trimmed; whitespace-only text nodes at either end disappear. */
function trimTitle(nodes: PhrasingContent[]): PhrasingContent[] {
  const title = [...nodes]
  const first = title[0]
  if (first?.type === 'text') {
    const value = first.value.replace(/^\s+/, '')
    title[0] = withPosition({ type: 'text', value }, first, first.value.length - value.length, 0)
  }
  const lastIndex = title.length - 1
  const last = title[lastIndex]
  if (last?.type === 'text') {
    const value = last.value.replace(/\s+$/, '')
    title[lastIndex] = withPosition({ type: 'text', value }, last, 0, value.length - last.value.length)
  }
  return title.filter((node) => node.type !== 'text' || node.value !== '')
}

function withPosition(text: Text, from: Text, startBy: number, endBy: number): Text {
  if (from.position) {
    text.position = { start: shift(from.position.start, startBy), end: shift(from.position.end, endBy) }
  }
  return text
}

/** Moves a point along its own line. */
function shift(point: Point, by: number): Point {
  const moved: Point = { line: point.line, column: point.column + by }
  if (point.offset !== undefined) moved.offset = point.offset + by
  return moved
}
