import { mathStack } from './parse-helper.js'
import { describe, expect, it } from 'vitest'
import type { Blockquote, Code, List, ListItem, Paragraph, Root, Table, Text } from 'mdast'
import { remarkCallout } from '../../src/markdown/remark-callout.js'
import { remarkBlockId } from '../../src/markdown/remark-block-id.js'
import type { Callout } from '../../src/markdown/nodes.js'

/** Parses with the source attached, as the build does. */
const { processor, parse } = mathStack(remarkCallout, remarkBlockId)

function textOf(paragraph: Paragraph): Text {
  return paragraph.children[0] as Text
}

describe('remarkBlockId', () => {
  it('moves a trailing ^id of a paragraph into data.blockId', () => {
    const paragraph = parse('A paragraph. ^para-1').children[0] as Paragraph
    expect(paragraph.type).toBe('paragraph')
    expect(paragraph.data?.blockId).toBe('para-1')
    expect(paragraph.children).toHaveLength(1)
    expect(textOf(paragraph).value).toBe('A paragraph.')
  })

  it('shrinks the text and paragraph positions to the text before the marker', () => {
    const paragraph = parse('A paragraph. ^para-1').children[0] as Paragraph
    expect(textOf(paragraph).position?.end).toEqual({ line: 1, column: 13, offset: 12 })
    expect(paragraph.position?.end).toEqual({ line: 1, column: 13, offset: 12 })
  })

  it('removes a marker text node that follows inline formatting', () => {
    const paragraph = parse('text *em* ^e1').children[0] as Paragraph
    expect(paragraph.children.map((n) => n.type)).toEqual(['text', 'emphasis'])
    expect(paragraph.data?.blockId).toBe('e1')
    expect(paragraph.position?.end).toEqual({ line: 1, column: 10, offset: 9 })
  })

  it('reads a marker on the last line of a paragraph with no blank line before it', () => {
    const paragraph = parse('first line\nsecond\n^pid').children[0] as Paragraph
    expect(paragraph.data?.blockId).toBe('pid')
    expect(textOf(paragraph).value).toBe('first line\nsecond')
    expect(paragraph.position?.end).toEqual({ line: 2, column: 7, offset: 17 })
  })

  it('reads a marker after a hard line break and removes the break', () => {
    const paragraph = parse('line  \n^br').children[0] as Paragraph
    expect(paragraph.data?.blockId).toBe('br')
    expect(paragraph.children).toEqual([expect.objectContaining({ type: 'text', value: 'line' })])
  })

  it('gives the id of a list item’s first paragraph to the list item', () => {
    const list = parse('- item ^li1\n  - child\n- two').children[0] as List
    const item = list.children[0]
    expect(item.data?.blockId).toBe('li1')
    expect(item.children[0].data?.blockId).toBeUndefined()
    expect(textOf(item.children[0] as Paragraph).value).toBe('item')
    expect(item.children[1].type).toBe('list')
  })

  it('gives the id of a task item to the list item', () => {
    const list = parse('- [ ] task ^t1').children[0] as List
    expect(list.children[0]).toMatchObject({ type: 'listItem', checked: false, data: { blockId: 't1' } })
  })

  it('gives a lazily continued ^id line in a list item to that item', () => {
    const list = parse('- a\n- b\n^lid').children[0] as List
    expect(list.children[1].data?.blockId).toBe('lid')
    expect(list.data?.blockId).toBeUndefined()
    expect(textOf(list.children[1].children[0] as Paragraph).value).toBe('b')
  })

  it('gives an ^id paragraph after a list to the list and removes the paragraph', () => {
    const tree = parse('- a\n- b\n\n^list-id')
    expect(tree.children).toHaveLength(1)
    expect((tree.children[0] as List).data?.blockId).toBe('list-id')
  })

  it('gives an ^id paragraph after a blockquote to the blockquote', () => {
    const tree = parse('> quote\n\n^qid')
    expect(tree.children).toHaveLength(1)
    expect((tree.children[0] as Blockquote).data?.blockId).toBe('qid')
  })

  it('gives an ^id paragraph after a callout to the callout', () => {
    const tree = parse('> [!note] Title\n> body\n\n^cid')
    expect(tree.children).toHaveLength(1)
    expect(tree.children[0]).toMatchObject({ type: 'callout', data: { blockId: 'cid' } })
  })

  it('gives an ^id paragraph after a fenced code block to the code block', () => {
    const tree = parse('```\ncode\n```\n^code-id')
    expect(tree.children).toHaveLength(1)
    const code = tree.children[0] as Code
    expect(code.data?.blockId).toBe('code-id')
    expect(code.value).toBe('code')
  })

  it('gives a ^id line lazily continuing a blockquote to the blockquote', () => {
    const quote = parse('> quote text\n^bq').children[0] as Blockquote
    expect(quote.type).toBe('blockquote')
    expect(quote.data?.blockId).toBe('bq')
    const paragraph = quote.children[0] as Paragraph
    expect(paragraph.data?.blockId).toBeUndefined()
    expect(textOf(paragraph).value).toBe('quote text')
    expect(paragraph.position?.end).toEqual({ line: 1, column: 13, offset: 12 })
  })

  it('gives a ^id at the end of a blockquote’s last line to the blockquote', () => {
    const quote = parse('> one\n>\n> two ^end').children[0] as Blockquote
    expect(quote.data?.blockId).toBe('end')
    expect(textOf(quote.children[1] as Paragraph).value).toBe('two')
    expect(quote.children[1].data).toBeUndefined()
  })

  it('leaves a heading’s trailing ^id alone', () => {
    const heading = parse('## Title ^hid').children[0]
    expect(heading).toMatchObject({ type: 'heading', children: [{ type: 'text', value: 'Title ^hid' }] })
  })

  it('gives a ^id line lazily continuing a callout to the callout', () => {
    const callout = parse('> [!tip] Title\n> body\n^callout-id').children[0] as Callout
    expect(callout.type).toBe('callout')
    expect(callout.data?.blockId).toBe('callout-id')
    const body = callout.children[0] as Paragraph
    expect(body.data?.blockId).toBeUndefined()
    expect(textOf(body).value).toBe('body')
  })

  it('gives a ^id line after a title-only callout to the callout', () => {
    const callout = parse('> [!tip] Title\n^tid').children[0] as Callout
    expect(callout.data?.blockId).toBe('tid')
    expect(callout.children).toEqual([])
  })

  it('attaches a ^id line directly below a table to the table instead of a row', () => {
    const table = parse('| a | b |\n|---|---|\n| 1 | 2 |\n^table-id').children[0] as Table
    expect(table.type).toBe('table')
    expect(table.data?.blockId).toBe('table-id')
    expect(table.children).toHaveLength(2)
    expect(table.children[1].children).toHaveLength(2)
  })

  it('gives an ^id paragraph after a table to the table', () => {
    const tree = parse('| a | b |\n|---|---|\n| 1 | 2 |\n\n^tid')
    expect(tree.children).toHaveLength(1)
    expect((tree.children[0] as Table).data?.blockId).toBe('tid')
  })

  it('keeps a piped one-cell row that reads ^id as a table row', () => {
    const table = parse('| a |\n|---|\n| ^x |').children[0] as Table
    expect(table.children).toHaveLength(2)
    expect(table.data?.blockId).toBeUndefined()
  })

  it('keeps an id with characters other than letters, digits and - literal', () => {
    const paragraph = parse('end ^bad_id').children[0] as Paragraph
    expect(textOf(paragraph).value).toBe('end ^bad_id')
    expect(paragraph.data?.blockId).toBeUndefined()
  })

  it('keeps a ^x in the middle of a line literal', () => {
    const paragraph = parse('line one ^x here').children[0] as Paragraph
    expect(textOf(paragraph).value).toBe('line one ^x here')
    expect(paragraph.data).toBeUndefined()
  })

  it('names the paragraph when the id is glued to an inline node such as a link or embed', () => {
    const paragraph = parse('[[shot.png]]^shot-id').children[0] as Paragraph
    expect(paragraph.data?.blockId).toBe('shot-id')
    expect(paragraph.children.map((c) => c.type)).toEqual(['wikiLink'])
  })

  it('requires whitespace before the caret', () => {
    const paragraph = parse('word^id').children[0] as Paragraph
    expect(textOf(paragraph).value).toBe('word^id')
    expect(paragraph.data).toBeUndefined()
  })

  it('keeps an escaped caret literal', () => {
    const paragraph = parse('text \\^esc').children[0] as Paragraph
    expect(textOf(paragraph).value).toBe('text ^esc')
    expect(paragraph.data).toBeUndefined()
  })

  it('never reads ids inside inline code or fenced code', () => {
    const tree = parse('`x ^no`\n\n```\ncode ^no\n```')
    const paragraph = tree.children[0] as Paragraph
    expect(paragraph.children[0]).toMatchObject({ type: 'inlineCode', value: 'x ^no' })
    expect(paragraph.data).toBeUndefined()
    expect(tree.children[1]).toMatchObject({ type: 'code', value: 'code ^no' })
    expect(tree.children[1].data).toBeUndefined()
  })

  it('keeps a lone ^id paragraph with no block above it literal', () => {
    const paragraph = parse('^orphan').children[0] as Paragraph
    expect(paragraph.type).toBe('paragraph')
    expect(textOf(paragraph).value).toBe('^orphan')
  })

  it('estimates the shrunk position when the processor has no source', () => {
    const p = processor()
    const tree = p.runSync(p.parse('para\n^pid'))
    const paragraph = tree.children[0] as Paragraph
    expect(paragraph.data?.blockId).toBe('pid')
    expect(paragraph.position?.end).toEqual({ line: 1, column: 5, offset: 4 })
  })

  it('gives a ^id paragraph at the end of a list item to that item', () => {
    const list = parse('- item\n\n  ^own').children[0] as List
    const item: ListItem = list.children[0]
    expect(item.data?.blockId).toBe('own')
    expect(item.children).toHaveLength(1)
  })
})
