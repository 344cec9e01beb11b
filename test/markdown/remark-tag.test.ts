import { describe, expect, it } from 'vitest'
import { remarkTag } from '../../src/markdown/remark-tag.js'
import { remarkHighlight } from '../../src/markdown/remark-highlight.js'
import { all, first, parse, pos } from './parse-helper.js'

const tag = (md: string) => parse(md, remarkTag, remarkHighlight)
const values = (md: string) => all(tag(md), 'tag').map((node) => node.value)

describe('remarkTag', () => {
  it('parses #tag at the start of a paragraph into a tag node', () => {
    const node = first(tag('#tag'), 'tag')
    expect(node).toMatchObject({ type: 'tag', value: 'tag' })
    expect(pos(node)).toEqual([1, 1, 1, 5])
  })

  it('parses a tag after whitespace and keeps the text around it', () => {
    const children = first(tag('see #idea now'), 'paragraph').children
    expect(children.map((node) => node.type)).toEqual(['text', 'tag', 'text'])
    expect(children[1]).toMatchObject({ type: 'tag', value: 'idea' })
    expect(pos(children[1]!)).toEqual([1, 5, 1, 10])
    expect(pos(children[2]!)).toEqual([1, 10, 1, 14])
  })

  it('parses a tag at the start of a continuation line', () => {
    const node = first(tag('first\n#second'), 'tag')
    expect(node.value).toBe('second')
    expect(pos(node)).toEqual([2, 1, 2, 8])
  })

  it('parses a tag after an opening parenthesis', () => {
    const node = first(tag('(#p)'), 'tag')
    expect(node.value).toBe('p')
    expect(pos(node)).toEqual([1, 2, 1, 4])
  })

  it.each([
    ['#tag.', 'tag'],
    ['#tag,', 'tag'],
    ['#tag!', 'tag'],
    ['#tag?', 'tag'],
    ['#a&b', 'a'],
    ['#a:b', 'a'],
    ['#a;b', 'a'],
    ['#a"b', 'a'],
    ["#a'b", 'a'],
    ['#a)', 'a'],
    ['#a]', 'a'],
    ['#a#b', 'a'],
    ['#a b', 'a'],
  ])('ends the tag in %j before the punctuation or space', (md, value) => {
    const node = first(tag(md), 'tag')
    expect(node.value).toBe(value)
    expect(pos(node)).toEqual([1, 1, 1, 2 + value.length])
  })

  it('requires a non-digit: #1984 is text and #y1984 a tag', () => {
    const tree = tag('#1984 #y1984')
    expect(all(tree, 'tag').map((node) => node.value)).toEqual(['y1984'])
    expect(first(tree, 'text').value).toBe('#1984 ')
    expect(pos(first(tree, 'tag'))).toEqual([1, 7, 1, 13])
  })

  it('does not make a tag from an escaped \\#x', () => {
    const tree = tag('\\#x')
    expect(all(tree, 'tag')).toHaveLength(0)
    expect(first(tree, 'text').value).toBe('#x')
  })

  it('does not make a tag from a # inside a word', () => {
    expect(values('a#b page#frag')).toEqual([])
  })

  it('does not make a tag from the fragment of an autolinked URL', () => {
    const tree = tag('see https://x.y/z#frag and www.example.com/#f')
    expect(all(tree, 'tag')).toHaveLength(0)
    expect(all(tree, 'link').map((link) => link.url)).toEqual(['https://x.y/z#frag', 'http://www.example.com/#f'])
  })

  it('does not make a tag from the fragment of a link destination', () => {
    const tree = tag('[l](p#frag) and <https://a.b/#c>')
    expect(all(tree, 'tag')).toHaveLength(0)
    expect(all(tree, 'link').map((link) => link.url)).toEqual(['p#frag', 'https://a.b/#c'])
  })

  it('treats "# Heading" as a heading, not a tag', () => {
    const tree = tag('# Heading')
    expect(first(tree, 'heading').depth).toBe(1)
    expect(all(tree, 'tag')).toHaveLength(0)
  })

  it('finds a tag in the text of a heading', () => {
    const heading = first(tag('## Plans #roadmap'), 'heading')
    expect(heading.children.map((node) => node.type)).toEqual(['text', 'tag'])
    expect(heading.children[1]).toMatchObject({ type: 'tag', value: 'roadmap' })
    expect(pos(heading.children[1]!)).toEqual([1, 10, 1, 18])
  })

  it('keeps the nested path of #a/b', () => {
    const node = first(tag('#inbox/to-read'), 'tag')
    expect(node.value).toBe('inbox/to-read')
    expect(pos(node)).toEqual([1, 1, 1, 15])
  })

  it('drops a trailing slash from the tag and leaves it as text', () => {
    const children = first(tag('#a/ x'), 'paragraph').children
    expect(children[0]).toMatchObject({ type: 'tag', value: 'a' })
    expect(pos(children[0]!)).toEqual([1, 1, 1, 3])
    expect(children[1]).toMatchObject({ type: 'text', value: '/ x' })
  })

  it('keeps inner slashes but drops trailing ones', () => {
    expect(values('#a//b/')).toEqual(['a//b'])
  })

  it('accepts letters of any script, underscores, dashes and emoji', () => {
    expect(values('#日本語 #café #a-b_c #🎉party')).toEqual(['日本語', 'café', 'a-b_c', '🎉party'])
  })

  it('does not make a tag from a lone # or #/', () => {
    expect(values('a # b #/ c')).toEqual([])
  })

  it('finds tags inside strong emphasis and highlights', () => {
    const tree = tag('**#bold** ==#hl==')
    expect(first(first(tree, 'strong'), 'tag').value).toBe('bold')
    expect(first(first(tree, 'highlight'), 'tag').value).toBe('hl')
    expect(pos(first(tree, 'tag'))).toEqual([1, 3, 1, 8])
  })

  it('makes no tag in inline code', () => {
    const tree = tag('`#code` x')
    expect(all(tree, 'tag')).toHaveLength(0)
    expect(first(tree, 'inlineCode').value).toBe('#code')
  })

  it('makes no tag in fenced code', () => {
    const tree = tag('```\n#x\n```')
    expect(all(tree, 'tag')).toHaveLength(0)
    expect(first(tree, 'code').value).toBe('#x')
  })

  it('makes no tag from the heading part of a wiki link', () => {
    const tree = tag('[[Note#Heading]]')
    expect(all(tree, 'tag')).toHaveLength(0)
    expect(first(tree, 'wikiLink').value).toBe('Note#Heading')
  })

  it('makes no tag from a character reference like &#35;', () => {
    const tree = tag('&#35;x')
    expect(all(tree, 'tag')).toHaveLength(0)
    expect(first(tree, 'text').value).toBe('#x')
  })
})
