import { describe, expect, it } from 'vitest'
import { remarkComment } from '../../src/markdown/remark-comment.js'
import { remarkTag } from '../../src/markdown/remark-tag.js'
import { remarkEmbed } from '../../src/markdown/remark-embed.js'
import { all, first, parse, pos } from './parse-helper.js'

const comment = (md: string) => parse(md, remarkComment, remarkTag, remarkEmbed)

describe('remarkComment: inline', () => {
  it('drops an inline comment and keeps the text around it as two nodes', () => {
    const children = first(comment('a %%hidden%% b'), 'paragraph').children
    expect(children).toHaveLength(2)
    expect(children[0]).toMatchObject({ type: 'text', value: 'a ' })
    expect(pos(children[0]!)).toEqual([1, 1, 1, 3])
    expect(children[1]).toMatchObject({ type: 'text', value: ' b' })
    expect(pos(children[1]!)).toEqual([1, 13, 1, 15])
  })

  it('makes no wikiLink, embed or tag from inside an inline comment', () => {
    const tree = comment('a %%hidden [[link]] ![[e]] #tag%% b')
    expect(all(tree, 'wikiLink')).toHaveLength(0)
    expect(all(tree, 'tag')).toHaveLength(0)
    expect(first(tree, 'paragraph').children.map((node) => node.type)).toEqual(['text', 'text'])
  })

  it('spans line endings within a paragraph', () => {
    const children = first(comment('a %%x\ny%% b\nc'), 'paragraph').children
    expect(children).toHaveLength(2)
    expect(children[0]).toMatchObject({ type: 'text', value: 'a ' })
    expect(children[1]).toMatchObject({ type: 'text', value: ' b\nc' })
    expect(pos(children[1]!)).toEqual([2, 4, 3, 2])
  })

  it('drops a comment at the end of a paragraph without leaving an empty text node', () => {
    const children = first(comment('a %%x%%'), 'paragraph').children
    expect(children).toEqual([expect.objectContaining({ type: 'text', value: 'a ' })])
  })

  it('takes along the line ending before a comment that fills its line', () => {
    const children = first(comment('a\n%%x%%\nb'), 'paragraph').children
    expect(children.map((node) => (node.type === 'text' ? node.value : node.type))).toEqual(['a', '\nb'])
    expect(pos(children[0]!)).toEqual([1, 1, 1, 2])
    expect(pos(children[1]!)).toEqual([2, 6, 3, 2])
  })

  it('keeps the line ending before a comment that is followed by text on its line', () => {
    const children = first(comment('a\n%%x%% y'), 'paragraph').children
    expect(children.map((node) => (node.type === 'text' ? node.value : node.type))).toEqual(['a\n', ' y'])
  })

  it('keeps text after a hard break that precedes a comment', () => {
    const children = first(comment('a  \n%%x%%\nb'), 'paragraph').children
    expect(children.map((node) => node.type)).toEqual(['text', 'break', 'text'])
    expect(children[2]).toMatchObject({ type: 'text', value: '\nb' })
  })

  it('hides a comment inside a heading', () => {
    const heading = first(comment('## Title %%note%%'), 'heading')
    expect(heading.children).toEqual([expect.objectContaining({ type: 'text', value: 'Title ' })])
    expect(pos(heading.children[0]!)).toEqual([1, 4, 1, 10])
  })

  it('hides a comment inside a table cell', () => {
    const cell = first(comment('| a | b |\n|---|---|\n| %%x%% y | c |'), 'table').children[1]!.children[0]!
    expect(cell.children).toEqual([expect.objectContaining({ type: 'text', value: ' y' })])
    expect(pos(cell.children[0]!)).toEqual([3, 8, 3, 10])
  })

  it('leaves an unclosed inline %% as literal text', () => {
    const children = first(comment('a %%b'), 'paragraph').children
    expect(children).toEqual([expect.objectContaining({ type: 'text', value: 'a %%b' })])
  })

  it('leaves a single % as text', () => {
    expect(first(comment('50% off %'), 'text').value).toBe('50% off %')
  })

  it('keeps %% literal in inline code', () => {
    const tree = comment('`%%x%%` y')
    expect(first(tree, 'inlineCode').value).toBe('%%x%%')
    expect(pos(first(tree, 'inlineCode'))).toEqual([1, 1, 1, 8])
  })

  it('hides a paragraph that consists only of comments', () => {
    const quote = first(comment('> %%\nlazy\n%%'), 'blockquote')
    expect(quote.children).toEqual([])
  })
})

describe('remarkComment: block', () => {
  it('removes headings, lists and links between %% lines, across blank lines', () => {
    const tree = comment('%%\n# H\n\n- l\n[x](y) #t\n%%\nafter')
    expect(tree.children.map((node) => node.type)).toEqual(['paragraph'])
    expect(all(tree, 'heading')).toHaveLength(0)
    expect(all(tree, 'link')).toHaveLength(0)
    expect(all(tree, 'tag')).toHaveLength(0)
    expect(first(tree, 'text').value).toBe('after')
    expect(pos(first(tree, 'text'))).toEqual([7, 1, 7, 6])
  })

  it('removes a block comment that starts with text on its first line', () => {
    const tree = comment('%%hidden start\n\n> quote\nmore%%\nz')
    expect(tree.children.map((node) => node.type)).toEqual(['paragraph'])
    expect(first(tree, 'text').value).toBe('z')
    expect(pos(tree.children[0]!)).toEqual([5, 1, 5, 2])
  })

  it('interrupts a paragraph with a lone %% line', () => {
    const tree = comment('para\n%%\n\nhidden\n%%\nnext')
    expect(tree.children.map((node) => node.type)).toEqual(['paragraph', 'paragraph'])
    expect(all(tree, 'text').map((node) => node.value)).toEqual(['para', 'next'])
    expect(pos(tree.children[0]!)).toEqual([1, 1, 1, 5])
    expect(pos(tree.children[1]!)).toEqual([6, 1, 6, 5])
  })

  it('keeps the closing line after a block comment when text follows its %%', () => {
    const tree = comment('%%\nx\n%% tail')
    expect(all(tree, 'text').map((node) => node.value)).toEqual([' tail'])
    expect(pos(first(tree, 'text'))).toEqual([3, 3, 3, 8])
  })

  it('leaves an unclosed block %% as literal text', () => {
    const tree = comment('%%\nunclosed\n\npara')
    expect(all(tree, 'text').map((node) => node.value)).toEqual(['%%\nunclosed', 'para'])
    expect(pos(tree.children[0]!)).toEqual([1, 1, 2, 9])
  })

  it('removes a block comment on blockquote continuation lines', () => {
    const quote = first(comment('> %%\n> hid\n> %%\n> shown'), 'blockquote')
    expect(quote.children).toHaveLength(1)
    expect(first(quote, 'text').value).toBe('shown')
    expect(pos(first(quote, 'text'))).toEqual([4, 3, 4, 8])
  })

  it('removes a block comment inside a list item without splitting the list', () => {
    const list = first(comment('- item\n  %%\n  hidden\n\n  - x\n  %%\n- next'), 'list')
    expect(list.children).toHaveLength(2)
    expect(all(list, 'text').map((node) => node.value)).toEqual(['item', 'next'])
    expect(list.spread).toBe(false)
    expect(pos(list.children[1]!)).toEqual([7, 1, 7, 7])
  })

  it('keeps %% literal in a mermaid fenced code block', () => {
    const code = first(comment('```mermaid\n%%{init: {"theme": "dark"}}%%\ngraph TD\n```'), 'code')
    expect(code.lang).toBe('mermaid')
    expect(code.value).toBe('%%{init: {"theme": "dark"}}%%\ngraph TD')
  })

  it('keeps %% literal in indented code', () => {
    const code = first(comment('    %%x%%'), 'code')
    expect(code.value).toBe('%%x%%')
    expect(pos(code)).toEqual([1, 1, 1, 10])
  })

  it('drops an empty comment %%%% entirely', () => {
    expect(comment('%%%%').children).toEqual([])
  })
})
