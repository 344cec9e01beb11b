import { mathStack } from './parse-helper.js'
import { describe, expect, it } from 'vitest'
import remarkMath from 'remark-math'
import type { Blockquote, Paragraph, PhrasingContent, Root, RootContent, Text } from 'mdast'
import { remarkMathDollars } from '../../src/markdown/remark-math-dollars.js'

type InlineMath = Extract<PhrasingContent, { type: 'inlineMath' }>
type MathBlock = Extract<RootContent, { type: 'math' }>

/** Parses with the source attached, as the build does. */
const { processor, parse } = mathStack(remarkMathDollars)

function paragraph(md: string): Paragraph {
  const node = parse(md).children[0]
  expect(node.type).toBe('paragraph')
  return node as Paragraph
}

describe('remarkMathDollars', () => {
  it('turns $5 and $10 back into one literal text node', () => {
    const node = paragraph('$5 and $10')
    expect(node.children).toHaveLength(1)
    expect(node.children[0]).toMatchObject({ type: 'text', value: '$5 and $10' })
  })

  it('gives the merged text node the span of the nodes it replaces', () => {
    const text = paragraph('$5 and $10').children[0] as Text
    expect(text.position?.start).toEqual({ line: 1, column: 1, offset: 0 })
    expect(text.position?.end).toEqual({ line: 1, column: 11, offset: 10 })
  })

  it('merges the literal with the text on both sides', () => {
    const node = paragraph('costs $5 or $6.')
    expect(node.children).toHaveLength(1)
    const text = node.children[0] as Text
    expect(text).toMatchObject({ type: 'text', value: 'costs $5 or $6.' })
    expect(text.position?.start).toEqual({ line: 1, column: 1, offset: 0 })
    expect(text.position?.end).toEqual({ line: 1, column: 16, offset: 15 })
  })

  it('keeps $a$ as inline math', () => {
    const node = paragraph('$a$')
    expect(node.children).toHaveLength(1)
    expect(node.children[0]).toMatchObject({ type: 'inlineMath', value: 'a' })
  })

  it('keeps $x^2$ inside a sentence as inline math', () => {
    const node = paragraph('area is $x^2$ here')
    expect(node.children.map((n) => n.type)).toEqual(['text', 'inlineMath', 'text'])
    expect((node.children[1] as InlineMath).value).toBe('x^2')
  })

  it('does not open math at a dollar followed by whitespace', () => {
    const node = paragraph('$ a$')
    expect(node.children).toEqual([expect.objectContaining({ type: 'text', value: '$ a$' })])
  })

  it('does not close math at a dollar preceded by whitespace', () => {
    const node = paragraph('$a $')
    expect(node.children).toEqual([expect.objectContaining({ type: 'text', value: '$a $' })])
  })

  it('restores padding spaces that remark-math strips', () => {
    const node = paragraph('$ a $')
    expect(node.children).toEqual([expect.objectContaining({ type: 'text', value: '$ a $' })])
  })

  it('does not close math at a dollar followed by a digit', () => {
    const node = paragraph('$x$5')
    expect(node.children).toEqual([expect.objectContaining({ type: 'text', value: '$x$5' })])
  })

  it('keeps math after a literal dollar span as math', () => {
    const node = paragraph('$5 and $10 and $y$')
    expect(node.children.map((n) => n.type)).toEqual(['text', 'inlineMath'])
    expect((node.children[0] as Text).value).toBe('$5 and $10 and ')
    expect((node.children[1] as InlineMath).value).toBe('y')
  })

  it('keeps double-dollar inline math with inner spaces as math', () => {
    const node = paragraph('a $$ x $$ b')
    expect(node.children[1]).toMatchObject({ type: 'inlineMath', value: 'x' })
  })

  it('keeps a $$ display block as math', () => {
    const tree = parse('$$\nx^2 + 5\n$$')
    expect(tree.children).toHaveLength(1)
    const math = tree.children[0] as MathBlock
    expect(math.type).toBe('math')
    expect(math.value).toBe('x^2 + 5')
  })

  it('leaves inline code with dollars untouched', () => {
    const node = paragraph('`$5 and $10`')
    expect(node.children).toEqual([expect.objectContaining({ type: 'inlineCode', value: '$5 and $10' })])
  })

  it('rebuilds a literal spanning lines in a blockquote without the > prefix', () => {
    const quote = parse('> $5 and\n> $10 ok').children[0] as Blockquote
    const node = quote.children[0] as Paragraph
    expect(node.children).toHaveLength(1)
    expect(node.children[0]).toMatchObject({ type: 'text', value: '$5 and\n$10 ok' })
  })

  it('applies the rules inside table cells', () => {
    const tree = parse('| a |\n|---|\n| $5 and $10 |')
    const table = tree.children[0]
    expect(table.type).toBe('table')
    const cell = (table as { children: { children: { children: Text[] }[] }[] }).children[1].children[0]
    expect(cell.children).toEqual([expect.objectContaining({ type: 'text', value: '$5 and $10' })])
  })

  it('applies the rules from node widths when the processor has no source', () => {
    const p = processor()
    const tree = p.runSync(p.parse('costs $5 or $6.'))
    const node = tree.children[0] as Paragraph
    expect(node.children).toEqual([expect.objectContaining({ type: 'text', value: 'costs $5 or $6.' })])
  })
})
