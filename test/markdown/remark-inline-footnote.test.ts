import { describe, expect, it } from 'vitest'
import type { FootnoteDefinition, FootnoteReference, Paragraph, Root } from 'mdast'
import { toHast } from 'mdast-util-to-hast'
import { toHtml } from 'hast-util-to-html'
import { createParseProcessor } from '../../src/markdown/remark-obsidian.js'
import { all, pos } from './parse-helper.js'

const processor = createParseProcessor({ strictLineBreaks: true })
const parse = (md: string): Root => processor.runSync(processor.parse(md), md) as Root
const text = (node: { children?: unknown[] }) => JSON.stringify(node.children)

describe('remarkInlineFootnote', () => {
  it('turns ^[text] into a footnote reference and a definition at the end', () => {
    const tree = parse('Claim.^[The source.] More.')
    const [ref] = all(tree, 'footnoteReference') as FootnoteReference[]
    const def = tree.children[tree.children.length - 1] as FootnoteDefinition
    expect(ref.identifier).toBe('grove-inline-1')
    expect(def.type).toBe('footnoteDefinition')
    expect(def.identifier).toBe(ref.identifier)
    expect((def.children[0] as Paragraph).children).toMatchObject([{ type: 'text', value: 'The source.' }])
  })

  it('parses inline Markdown and wiki links inside, with balanced brackets', () => {
    const tree = parse('x^[see **bold** and [[Note|alias]] here] y')
    const def = all(tree, 'footnoteDefinition')[0]
    expect(all(def, 'strong')).toHaveLength(1)
    expect(all(def, 'wikiLink')).toHaveLength(1)
    expect(text(def)).toContain(' here')
  })

  it('does not count an escaped \\] as the end', () => {
    const def = all(parse('a^[one \\] two] b'), 'footnoteDefinition')[0]
    expect(text(def)).toContain('one ] two')
  })

  it('numbers inline and regular footnotes together in reading order', () => {
    const tree = parse('a[^x] b^[inline] c[^y]\n\n[^x]: X\n[^y]: Y')
    const html = toHtml(toHast(tree))
    const numbers = [...html.matchAll(/data-footnote-ref[^>]*>(\d+)</g)].map((m) => m[1])
    expect(numbers).toEqual(['1', '2', '3'])
    expect(html.indexOf('inline')).toBeLessThan(html.indexOf('>Y'))
  })

  it('gives the reference the position of the whole ^[…]', () => {
    const [ref] = all(parse('ab^[cd] e'), 'footnoteReference')
    expect(pos(ref)).toEqual([1, 3, 1, 8])
  })

  it('spans line endings of its paragraph, also inside a quote', () => {
    const def = all(parse('> a ^[one\n> two] b'), 'footnoteDefinition')[0]
    expect(text(def)).toContain('one\\ntwo')
  })

  it('leaves ^[], an unclosed ^[ and code literal', () => {
    for (const md of ['a ^[] b', 'a ^[never closed', '`x^[y]`', '```\n^[z]\n```']) {
      expect(all(parse(md), 'footnoteReference'), md).toHaveLength(0)
    }
    expect(text(parse('a ^[never closed').children[0] as Paragraph)).toContain('^[never closed')
  })

  it('starts numbering again in every document', () => {
    parse('a^[one]')
    const [ref] = all(parse('b^[two]'), 'footnoteReference')
    expect(ref.identifier).toBe('grove-inline-1')
  })
})
