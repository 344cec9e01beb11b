/**
 * Obsidian's (Pandoc's) dollar rules for inline math (OFM F5), applied after remark-math:
 * `$` followed by whitespace doesn't open, `$` preceded by whitespace doesn't close, and a
 * closing `$` followed by a digit doesn't close. remark-math pairs any two dollars, so
 *
 * ```md
 * It costs $5 and $10.
 * ```
 *
 * would become math "5 and ". Such `inlineMath` nodes are turned back into the text they were
 * written as and merged with the text around them. `$x^2$`, `$$x$$` and `$$` blocks stay math;
 * the rules are only applied to single-dollar spans, as Obsidian accepts `$$ x $$`.
 *
 * Runs after remark-math (it reads its nodes); the order relative to other Grove transforms
 * doesn't matter. Needs the source (`file.value`) for exact results; without it the written
 * form is rebuilt from the node value and position width.
 */
import type { Parent, PhrasingContent, Root, RootContent, Text } from 'mdast'
// remark-math's types bring in mdast-util-math's `inlineMath` node augmentation.
import type { Options as _MathOptions } from 'remark-math'
import type { Transformer } from 'unified'
import { sourceOf } from './source-of.js'

type InlineMath = Extract<PhrasingContent, { type: 'inlineMath' }>

/** Unified plugin: inline math that breaks the dollar rules becomes literal text. */
export function remarkMathDollars(): Transformer<Root, Root> {
  return (tree, file) => {
    walk(tree, sourceOf(file))
  }
}


function walk(parent: Parent, source: string | undefined): void {
  const children = parent.children as RootContent[]
  const literals = new Set<Text>()
  children.forEach((child, index) => {
    if (child.type === 'inlineMath') {
      const text = literal(child, children[index + 1], source)
      if (text) {
        children[index] = text
        literals.add(text)
      }
    } else if ('children' in child) {
      walk(child, source)
    }
  })
  if (literals.size > 0) parent.children = merge(children, literals)
}

/** The text node that replaces `math`, or undefined when `math` is valid Obsidian math. */
function literal(math: InlineMath, next: RootContent | undefined, source: string | undefined): Text | undefined {
  const written = writtenForm(math, source)
  if (!written) return undefined
  const fence = /^\$+/.exec(written)![0].length
  if (fence !== 1) return undefined
  const opensBeforeSpace = /\s/.test(written.charAt(1))
  const closesAfterSpace = /\s/.test(written.charAt(written.length - 2))
  const after = nextChar(math, next, source)
  if (!opensBeforeSpace && !closesAfterSpace && !/[0-9]/.test(after)) return undefined
  const text: Text = { type: 'text', value: written }
  if (math.position) text.position = math.position
  return text
}

/** The span as written, `$…$`; container prefixes on continuation lines are left out. */
function writtenForm(math: InlineMath, source: string | undefined): string | undefined {
  const start = math.position?.start
  const end = math.position?.end
  if (!start || !end) return undefined
  if (source !== undefined && start.offset !== undefined && end.offset !== undefined) {
    const slice = source.slice(start.offset, end.offset)
    if (!slice.includes('\n')) return slice
    const fence = '$'.repeat(/^\$+/.exec(slice)?.[0].length ?? 1)
    return fence + math.value + fence
  }
  // Without source the fence width is the extra width of the node over its value. A width of
  // four is taken as `$$x$$`, although `$ x $` (padding stripped) has it too.
  const width =
    start.offset !== undefined && end.offset !== undefined
      ? end.offset - start.offset
      : start.line === end.line
        ? end.column - start.column
        : undefined
  if (width === undefined) return undefined
  const fence = Math.max(1, Math.floor((width - math.value.length) / 2))
  return '$'.repeat(fence) + math.value + '$'.repeat(fence)
}

/** The character right after the closing fence, from the source or the next sibling. */
function nextChar(math: InlineMath, next: RootContent | undefined, source: string | undefined): string {
  const end = math.position?.end.offset
  if (source !== undefined && end !== undefined) return source.charAt(end)
  return next?.type === 'text' ? next.value.charAt(0) : ''
}

/** Joins each literal with neighbouring text nodes, so `$5 and $10` is one text node again. */
function merge(children: RootContent[], literals: Set<Text>): RootContent[] {
  const merged: RootContent[] = []
  for (const child of children) {
    const previous = merged[merged.length - 1]
    if (
      previous?.type === 'text' &&
      child.type === 'text' &&
      (literals.has(previous) || literals.has(child))
    ) {
      const text: Text = { type: 'text', value: previous.value + child.value }
      if (previous.position && child.position) {
        text.position = { start: previous.position.start, end: child.position.end }
      }
      literals.add(text)
      merged[merged.length - 1] = text
    } else {
      merged.push(child)
    }
  }
  return merged
}
