import { describe, expect, it } from 'vitest'
import { remarkHighlight } from '../../src/markdown/remark-highlight.js'
import { all, first, parse, pos } from './parse-helper.js'

const highlight = (md: string) => parse(md, remarkHighlight)

describe('remarkHighlight', () => {
  it('parses ==text== into a highlight with a text child', () => {
    const children = first(highlight('a ==b c== d'), 'paragraph').children
    expect(children.map((node) => node.type)).toEqual(['text', 'highlight', 'text'])
    const node = first(highlight('a ==b c== d'), 'highlight')
    expect(node.children).toEqual([expect.objectContaining({ type: 'text', value: 'b c' })])
    expect(pos(node)).toEqual([1, 3, 1, 10])
    expect(pos(node.children[0]!)).toEqual([1, 5, 1, 8])
    expect(pos(children[2]!)).toEqual([1, 10, 1, 12])
  })

  it('nests strong, emphasis and wiki links inside a highlight', () => {
    const node = first(highlight('==**bold** and *em* [[L]]=='), 'highlight')
    expect(node.children.map((child) => child.type)).toEqual(['strong', 'text', 'emphasis', 'text', 'wikiLink'])
    expect(first(node, 'strong').children).toEqual([expect.objectContaining({ type: 'text', value: 'bold' })])
    expect(pos(first(node, 'wikiLink'))).toEqual([1, 21, 1, 26])
    expect(pos(node)).toEqual([1, 1, 1, 28])
  })

  it('sits inside emphasis', () => {
    const emphasis = first(highlight('*==x==*'), 'emphasis')
    expect(emphasis.children.map((child) => child.type)).toEqual(['highlight'])
    expect(pos(emphasis.children[0]!)).toEqual([1, 2, 1, 7])
  })

  it('sits inside strong emphasis between text', () => {
    const strong = first(highlight('**a ==b== c**'), 'strong')
    expect(strong.children.map((child) => child.type)).toEqual(['text', 'highlight', 'text'])
    expect(first(strong, 'highlight').children).toEqual([expect.objectContaining({ type: 'text', value: 'b' })])
  })

  it('contains strikethrough', () => {
    const node = first(highlight('==a ~~b~~=='), 'highlight')
    expect(node.children.map((child) => child.type)).toEqual(['text', 'delete'])
  })

  it('spans a line ending within a paragraph', () => {
    const node = first(highlight('a ==b\nc== d'), 'highlight')
    expect(node.children).toEqual([expect.objectContaining({ type: 'text', value: 'b\nc' })])
    expect(pos(node)).toEqual([1, 3, 2, 4])
  })

  it('works inside a word', () => {
    const children = first(highlight('x==y==z'), 'paragraph').children
    expect(children.map((child) => child.type)).toEqual(['text', 'highlight', 'text'])
    expect(pos(children[1]!)).toEqual([1, 2, 1, 7])
  })

  it('leaves a stray == with no closer as literal text', () => {
    const tree = highlight('stray ==x')
    expect(all(tree, 'highlight')).toHaveLength(0)
    expect(first(tree, 'paragraph').children).toEqual([expect.objectContaining({ type: 'text', value: 'stray ==x' })])
  })

  it('leaves == with spaces on both sides as literal text', () => {
    const tree = highlight('a == b')
    expect(all(tree, 'highlight')).toHaveLength(0)
    expect(first(tree, 'text').value).toBe('a == b')
  })

  it('does not pair two == that both have spaces on both sides', () => {
    const tree = highlight('a == b == c')
    expect(all(tree, 'highlight')).toHaveLength(0)
    expect(first(tree, 'text').value).toBe('a == b == c')
  })

  it('does not treat a run of three = as a highlight marker', () => {
    const tree = highlight('===x===')
    expect(all(tree, 'highlight')).toHaveLength(0)
    expect(first(tree, 'text').value).toBe('===x===')
  })

  it('does not open a highlight at an escaped \\==', () => {
    const tree = highlight('\\==x==')
    expect(all(tree, 'highlight')).toHaveLength(0)
    expect(first(tree, 'text').value).toBe('==x==')
  })

  it('makes no highlight in inline code', () => {
    const tree = highlight('`==x==`')
    expect(all(tree, 'highlight')).toHaveLength(0)
    expect(first(tree, 'inlineCode').value).toBe('==x==')
  })

  it('makes no highlight in fenced code', () => {
    const tree = highlight('```\n==x==\n```')
    expect(all(tree, 'highlight')).toHaveLength(0)
    expect(first(tree, 'code').value).toBe('==x==')
  })

  it('pairs two highlights in one paragraph separately', () => {
    const nodes = all(highlight('==a== and ==b=='), 'highlight')
    expect(nodes.map((node) => pos(node))).toEqual([
      [1, 1, 1, 6],
      [1, 11, 1, 16],
    ])
  })
})
