import { describe, expect, it } from 'vitest'
import { unified } from 'unified'
import remarkParse from 'remark-parse'
import remarkGfm from 'remark-gfm'
import remarkMath from 'remark-math'
import remarkWikiLink from 'remark-wiki-link'
import type { Root } from 'mdast'
import { remarkEmbed } from '../../src/markdown/remark-embed.js'
import { remarkComment } from '../../src/markdown/remark-comment.js'
import { remarkTag } from '../../src/markdown/remark-tag.js'
import { remarkHighlight } from '../../src/markdown/remark-highlight.js'
import { all, first, parse, pos } from './parse-helper.js'

const embed = (md: string) => parse(md, remarkEmbed)

describe('remarkEmbed', () => {
  it('parses ![[Note]] as a wikiLink marked as an embed', () => {
    const node = first(embed('![[Note]]'), 'wikiLink')
    expect(node.type).toBe('wikiLink')
    expect(node.value).toBe('Note')
    expect(node.data?.embed).toBe(true)
    expect(pos(node)).toEqual([1, 1, 1, 10])
  })

  it('leaves a plain [[Note]] link unmarked', () => {
    const node = first(embed('[[Note]]'), 'wikiLink')
    expect(node.value).toBe('Note')
    expect(node.data?.embed).toBeUndefined()
    expect(pos(node)).toEqual([1, 1, 1, 9])
  })

  it('extends the start of an embed in running text to include the !', () => {
    const tree = embed('see ![[x]] now')
    const [before, node, after] = first(tree, 'paragraph').children
    expect(before).toMatchObject({ type: 'text', value: 'see ' })
    expect(pos(before!)).toEqual([1, 1, 1, 5])
    expect(node!.type).toBe('wikiLink')
    expect(pos(node!)).toEqual([1, 5, 1, 11])
    expect(node!.position?.start.offset).toBe(4)
    expect(after).toMatchObject({ type: 'text', value: ' now' })
    expect(pos(after!)).toEqual([1, 11, 1, 15])
  })

  it('splits ![[img.png|100]] into the target and the size alias', () => {
    const node = first(embed('![[img.png|100]]'), 'wikiLink')
    expect(node.value).toBe('img.png')
    expect(node.data?.alias).toBe('100')
    expect(node.data?.embed).toBe(true)
    expect(pos(node)).toEqual([1, 1, 1, 17])
  })

  it('keeps a heading subpath in the value of ![[Note#Heading]]', () => {
    const node = first(embed('![[Note#Heading]]'), 'wikiLink')
    expect(node.value).toBe('Note#Heading')
    expect(node.data?.embed).toBe(true)
  })

  it('keeps a block subpath in the value of ![[Note#^block]]', () => {
    const node = first(embed('![[Note#^block]]'), 'wikiLink')
    expect(node.value).toBe('Note#^block')
    expect(node.data?.embed).toBe(true)
    expect(pos(node)).toEqual([1, 1, 1, 17])
  })

  it('leaves a markdown image ![alt](img.png) as an image', () => {
    const tree = embed('![alt](img.png)')
    const image = first(tree, 'image')
    expect(image.url).toBe('img.png')
    expect(image.alt).toBe('alt')
    expect(pos(image)).toEqual([1, 1, 1, 16])
    expect(all(tree, 'wikiLink')).toHaveLength(0)
  })

  it('parses an image and an embed side by side', () => {
    const children = first(embed('![a](i.png) ![[x]]'), 'paragraph').children
    expect(children.map((child) => child.type)).toEqual(['image', 'text', 'wikiLink'])
    expect(pos(children[2]!)).toEqual([1, 13, 1, 19])
  })

  it('keeps ![[x]] in inline code literal', () => {
    const tree = embed('`![[x]]`')
    expect(first(tree, 'inlineCode').value).toBe('![[x]]')
    expect(all(tree, 'wikiLink')).toHaveLength(0)
  })

  it('keeps ![[x]] in fenced code literal', () => {
    const tree = embed('```\n![[x]]\n```')
    expect(first(tree, 'code').value).toBe('![[x]]')
    expect(all(tree, 'wikiLink')).toHaveLength(0)
  })

  it('does not split a table cell at the escaped pipe of ![[img.png\\|100]]', () => {
    const tree = embed('| a | b |\n|---|---|\n| ![[img.png\\|100]] | c |')
    const row = first(tree, 'table').children[1]!
    expect(row.children).toHaveLength(2)
    const node = first(row, 'wikiLink')
    // The backslash stays on the target; the link resolver strips it (OFM L7).
    expect(node.value).toBe('img.png\\')
    expect(node.data?.alias).toBe('100')
    expect(node.data?.embed).toBe(true)
    expect(pos(node)).toEqual([3, 3, 3, 20])
    expect(first(row.children[1]!, 'text').value).toBe('c')
  })

  it('treats a ! that is not followed by [[ as text', () => {
    const children = first(embed('Hi! [[x]]'), 'paragraph').children
    expect(children[0]).toMatchObject({ type: 'text', value: 'Hi! ' })
    expect(children[1]!.type).toBe('wikiLink')
    expect((children[1] as { data?: { embed?: boolean } }).data?.embed).toBeUndefined()
    expect(pos(children[1]!)).toEqual([1, 5, 1, 10])
  })

  it('leaves an unclosed ![[ as literal text', () => {
    const tree = embed('![[nope')
    expect(first(tree, 'paragraph').children).toEqual([
      expect.objectContaining({ type: 'text', value: '![[nope' }),
    ])
    expect(all(tree, 'wikiLink')).toHaveLength(0)
  })

  it('makes an escaped \\![[x]] a plain link after a literal !', () => {
    const children = first(embed('\\![[x]]'), 'paragraph').children
    expect(children[0]).toMatchObject({ type: 'text', value: '!' })
    expect(children[1]).toMatchObject({ type: 'wikiLink', value: 'x' })
    expect((children[1] as { data?: { embed?: boolean } }).data?.embed).toBeUndefined()
  })

  it('works when used before remark-wiki-link on the processor', () => {
    const processor = unified().use(remarkParse).use(remarkEmbed).use(remarkWikiLink, { aliasDivider: '|' })
    const tree = processor.runSync(processor.parse('![[a|b]]')) as Root
    const node = first(tree, 'wikiLink')
    expect(node.value).toBe('a')
    expect(node.data?.alias).toBe('b')
    expect(node.data?.embed).toBe(true)
    expect(pos(node)).toEqual([1, 1, 1, 9])
  })

  it('leaves ![[x]] as text when remark-wiki-link is missing', () => {
    const processor = unified().use(remarkParse).use(remarkEmbed)
    const tree = processor.runSync(processor.parse('![[x]]')) as Root
    expect(first(tree, 'text').value).toBe('![[x]]')
  })
})

describe('all Obsidian syntax plugins together', () => {
  const md = [
    '# Title #not-a-heading-tag',
    '',
    'Intro #tag with ==**bold** [[Link|shown]]== and $x^2$ %%hidden #secret [[Gone]]%% end.',
    '',
    '%%',
    '## Hidden heading',
    '![[Hidden.png]]',
    '%%',
    '',
    '| a | b |',
    '|---|---|',
    '| ![[img.png\\|100]] | ~~del~~ #t2 |',
    '',
    '$$',
    'y = 1 %% not a comment',
    '$$',
    '',
    '```mermaid',
    '%%{init: {}}%%',
    '```',
  ].join('\n')
  const processor = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkMath)
    .use(remarkWikiLink, { aliasDivider: '|' })
    .use(remarkEmbed)
    .use(remarkComment)
    .use(remarkTag)
    .use(remarkHighlight)
  const tree = processor.runSync(processor.parse(md)) as Root

  it('keeps the block structure of a mixed document, minus the block comment', () => {
    expect(tree.children.map((node) => node.type)).toEqual(['heading', 'paragraph', 'table', 'math', 'code'])
    expect(pos(tree.children[2]!)).toEqual([10, 1, 12, 36])
  })

  it('finds tags in a heading, a paragraph and a table cell, but not in comments', () => {
    expect(all(tree, 'tag').map((tag) => [tag.value, ...pos(tag)])).toEqual([
      ['not-a-heading-tag', 1, 9, 1, 27],
      ['tag', 3, 7, 3, 11],
      ['t2', 12, 31, 12, 34],
    ])
  })

  it('nests strong and a wiki link inside a highlight next to inline math', () => {
    const highlight = first(tree, 'highlight')
    expect(highlight.children.map((node) => node.type)).toEqual(['strong', 'text', 'wikiLink'])
    expect(pos(highlight)).toEqual([3, 17, 3, 44])
    expect(first(tree, 'inlineMath').value).toBe('x^2')
  })

  it('keeps links and embeds outside comments only, with the table embed marked', () => {
    expect(all(tree, 'wikiLink').map((link) => [link.value, link.data?.embed ?? false])).toEqual([
      ['Link', false],
      ['img.png\\', true],
    ])
    expect(first(tree, 'delete').children).toEqual([expect.objectContaining({ type: 'text', value: 'del' })])
  })

  it('keeps the text after an inline comment at its source position', () => {
    const last = all(tree, 'paragraph')[0]!.children.at(-1)!
    expect(last).toMatchObject({ type: 'text', value: ' end.' })
    expect(pos(last)).toEqual([3, 82, 3, 87])
  })

  it('keeps %% literal in display math and in a mermaid block', () => {
    expect(first(tree, 'math').value).toBe('y = 1 %% not a comment')
    expect(first(tree, 'code').value).toBe('%%{init: {}}%%')
  })
})
