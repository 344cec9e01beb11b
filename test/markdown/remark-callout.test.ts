import { mathStack } from './parse-helper.js'
import { describe, expect, it } from 'vitest'
import type { Blockquote, List, Paragraph, Root, RootContent, Text } from 'mdast'
import { remarkCallout } from '../../src/markdown/remark-callout.js'
import {
  CALLOUT_TYPES,
  canonicalCalloutType,
  defaultCalloutTitle,
} from '../../src/markdown/callout-types.js'
import type { Callout } from '../../src/markdown/nodes.js'

/** Parses with the source attached, as the build does. */
const { processor, parse } = mathStack(remarkCallout)

function first(md: string): RootContent {
  return parse(md).children[0]
}

function callout(md: string): Callout {
  const node = first(md)
  expect(node.type).toBe('callout')
  return node as Callout
}

function textOf(node: { children?: unknown[] }, index = 0): Text {
  return node.children?.[index] as Text
}

describe('remarkCallout', () => {
  it('turns a blockquote with a [!type] marker into a callout node', () => {
    const node = callout('> [!note] Title\n> Body')
    expect(node.calloutType).toBe('note')
    expect(node.canonicalType).toBe('note')
    expect(node.fold).toBeUndefined()
  })

  it('keeps the blockquote position on the callout', () => {
    const node = callout('> [!note] Title\n> Body')
    expect(node.position?.start).toEqual({ line: 1, column: 1, offset: 0 })
    expect(node.position?.end).toEqual({ line: 2, column: 7, offset: 22 })
  })

  it('adds no hast data to the callout', () => {
    expect(callout('> [!note] Title\n> Body').data).toBeUndefined()
  })

  it('takes the title from the inline nodes on the first line', () => {
    const node = callout('> [!tip] Use *this* `code` [[Page|alias]]\n> Body')
    expect(node.title.map((n) => n.type)).toEqual([
      'text',
      'emphasis',
      'text',
      'inlineCode',
      'text',
      'wikiLink',
    ])
    expect((node.title[0] as Text).value).toBe('Use ')
    expect(node.title[5]).toMatchObject({ type: 'wikiLink', value: 'Page', data: { alias: 'alias' } })
  })

  it('trims the title and moves its position past the marker and spaces', () => {
    const node = callout('> [!example]  You can  \n> Body')
    expect(node.title).toHaveLength(1)
    const title = node.title[0] as Text
    expect(title.value).toBe('You can')
    expect(title.position?.start).toEqual({ line: 1, column: 15, offset: 14 })
    expect(title.position?.end).toEqual({ line: 1, column: 22, offset: 21 })
  })

  it('makes the rest of the first paragraph the first body paragraph', () => {
    const node = callout('> [!info] Title\n> body line\n> more')
    expect(node.children).toHaveLength(1)
    const body = node.children[0] as Paragraph
    expect(body.type).toBe('paragraph')
    expect(textOf(body).value).toBe('body line\nmore')
  })

  it('starts the new body paragraph on the line after the title', () => {
    const node = callout('> [!info] Title\n> body line\n> more')
    const body = node.children[0] as Paragraph
    expect(body.position?.start).toEqual({ line: 2, column: 3, offset: 18 })
    expect(body.position?.end).toEqual({ line: 3, column: 7, offset: 34 })
    expect(textOf(body).position?.start).toEqual({ line: 2, column: 3, offset: 18 })
  })

  it('keeps the remaining blockquote children as body with their positions', () => {
    const node = callout('> [!info] Title\n> one\n>\n> - item')
    expect(node.children.map((n) => n.type)).toEqual(['paragraph', 'list'])
    const list = node.children[1] as List
    expect(list.position?.start).toEqual({ line: 4, column: 3, offset: 26 })
  })

  it('starts the body after a hard line break in the first paragraph', () => {
    const node = callout('> [!quote] Title  \n> body')
    expect((node.title[0] as Text).value).toBe('Title')
    const body = node.children[0] as Paragraph
    expect(body.children).toEqual([
      expect.objectContaining({ type: 'text', value: 'body' }),
    ])
    expect(body.position?.start).toEqual({ line: 2, column: 3, offset: 21 })
  })

  it('starts the body with the next inline node when the first line ends after one', () => {
    const node = callout('> [!note] Title\n> *em* text')
    const body = node.children[0] as Paragraph
    expect(body.children.map((n) => n.type)).toEqual(['emphasis', 'text'])
    expect(body.position?.start).toEqual({ line: 2, column: 3, offset: 18 })
  })

  it('accepts a marker written without a space after >', () => {
    const node = callout('>[!info]\n>body')
    expect(node.calloutType).toBe('info')
    expect(textOf(node.children[0] as Paragraph).value).toBe('body')
  })

  it('treats the type case-insensitively', () => {
    const node = callout('> [!QUOTE] TLDR:\n> body')
    expect(node.calloutType).toBe('quote')
    expect(node.canonicalType).toBe('quote')
  })

  it('maps aliases to their canonical type and keeps the written type', () => {
    const node = callout('> [!FAQ]\n> body')
    expect(node.calloutType).toBe('faq')
    expect(node.canonicalType).toBe('question')
  })

  it('falls back to note styling for unknown types', () => {
    const node = callout('> [!custom-type] Hi')
    expect(node.calloutType).toBe('custom-type')
    expect(node.canonicalType).toBe('note')
  })

  it('reads - as a collapsed foldable callout', () => {
    expect(callout('> [!faq]- Why?\n> Because').fold).toBe('-')
  })

  it('reads + as an expanded foldable callout', () => {
    expect(callout('> [!info]+ Open').fold).toBe('+')
  })

  it('does not read a fold sign separated from the marker by a space', () => {
    const node = callout('> [!info] + Open')
    expect(node.fold).toBeUndefined()
    expect((node.title[0] as Text).value).toBe('+ Open')
  })

  it('leaves the title empty when only the marker is written', () => {
    const node = callout('> [!warning]\n> body')
    expect(node.title).toEqual([])
  })

  it('accepts a title-only callout with no body', () => {
    const node = callout('> [!success] All done')
    expect(node.children).toEqual([])
    expect((node.title[0] as Text).value).toBe('All done')
  })

  it('converts nested callouts at any depth', () => {
    const outer = callout('> [!question] Q\n> > [!todo]- Inner\n> > > [!faq]\n> > > deep')
    const inner = outer.children[0] as Callout
    expect(inner).toMatchObject({ type: 'callout', calloutType: 'todo', fold: '-' })
    const deepest = inner.children[0] as Callout
    expect(deepest).toMatchObject({ type: 'callout', calloutType: 'faq', canonicalType: 'question' })
    expect(deepest.position?.start).toEqual({ line: 3, column: 5, offset: 39 })
    expect(textOf(deepest.children[0] as Paragraph).position?.start).toEqual({
      line: 4,
      column: 7,
      offset: 54,
    })
  })

  it('converts a callout inside a list item', () => {
    const list = first('- item\n  > [!tip] T\n  > b') as List
    const item = list.children[0]
    expect(item.children.map((n) => n.type)).toEqual(['paragraph', 'callout'])
    const node = item.children[1] as Callout
    expect(node.position?.start).toEqual({ line: 2, column: 3, offset: 9 })
    expect((node.children[0] as Paragraph).position?.start).toEqual({ line: 3, column: 5, offset: 24 })
  })

  it('leaves a blockquote without a marker as a blockquote', () => {
    const node = first('> just a quote') as Blockquote
    expect(node.type).toBe('blockquote')
    expect(textOf(node.children[0] as Paragraph).value).toBe('just a quote')
  })

  it('requires the marker at the very start of the first line', () => {
    expect(first('> text [!note] x').type).toBe('blockquote')
    expect(first('> text\n> [!note] x').type).toBe('blockquote')
  })

  it('ignores a marker inside emphasis', () => {
    expect(first('> **[!note]** x').type).toBe('blockquote')
  })

  it('estimates body positions when the processor has no source', () => {
    const p = processor()
    const tree = p.runSync(p.parse('> [!info] Title\n> body'))
    const node = tree.children[0] as Callout
    expect((node.title[0] as Text).position?.end).toEqual({ line: 1, column: 16, offset: 15 })
    expect(textOf(node.children[0] as Paragraph).position?.start).toEqual({
      line: 2,
      column: 3,
      offset: 18,
    })
  })
})

describe('callout types', () => {
  it('lists the thirteen canonical types', () => {
    expect(Object.keys(CALLOUT_TYPES)).toHaveLength(13)
  })

  it('maps every alias to its canonical type', () => {
    expect(
      ['summary', 'tldr', 'hint', 'important', 'check', 'done', 'help', 'faq'].map(canonicalCalloutType),
    ).toEqual(['abstract', 'abstract', 'tip', 'tip', 'success', 'success', 'question', 'question'])
    expect(['caution', 'attention', 'fail', 'missing', 'error', 'cite'].map(canonicalCalloutType)).toEqual(
      ['warning', 'warning', 'failure', 'failure', 'danger', 'quote'],
    )
  })

  it('maps canonical types to themselves', () => {
    for (const type of Object.keys(CALLOUT_TYPES)) expect(canonicalCalloutType(type)).toBe(type)
  })

  it('maps unknown types to note', () => {
    expect(canonicalCalloutType('custom-question-type')).toBe('note')
  })

  it('writes the default title in title case', () => {
    expect(defaultCalloutTitle('faq')).toBe('Faq')
    expect(defaultCalloutTitle('custom-type')).toBe('Custom-type')
    expect(defaultCalloutTitle('QUOTE')).toBe('Quote')
  })
})
