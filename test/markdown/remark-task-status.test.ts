import { describe, expect, it } from 'vitest'
import type { ListItem, Root, Text } from 'mdast'
import { createParseProcessor } from '../../src/markdown/remark-obsidian.js'
import { all, pos } from './parse-helper.js'

const processor = createParseProcessor({ strictLineBreaks: true })
const parse = (md: string): Root => processor.runSync(processor.parse(md), md) as Root
const items = (md: string) => all(parse(md), 'listItem') as ListItem[]
const task = (item: ListItem) => (item.data?.hProperties as { dataTask?: string } | undefined)?.dataTask

describe('remarkTaskStatus', () => {
  it('makes [?], [>], [-] and [/] checked task items carrying their character', () => {
    const list = items('- [?] a\n- [>] b\n- [-] c\n- [/] d')
    expect(list.map((i) => i.checked)).toEqual([true, true, true, true])
    expect(list.map(task)).toEqual(['?', '>', '-', '/'])
  })

  it('removes the marker from the text and moves its start', () => {
    const [item] = items('- [?] question')
    const text = all(item, 'text')[0] as Text
    expect(text.value).toBe('question')
    expect(pos(text)).toEqual([1, 7, 1, 15])
  })

  it('gives GFM [ ], [x] and [X] tasks data-task from the source', () => {
    expect(items('- [ ] a\n- [x] b\n- [X] c').map(task)).toEqual([' ', 'x', 'X'])
  })

  it('works in ordered and nested lists and keeps inline nodes after the marker', () => {
    const list = items('1. [?] [[Note]] here\n   - [>] nested')
    expect(list.map(task)).toEqual(['?', '>'])
    expect(all(list[0], 'wikiLink')).toHaveLength(1)
  })

  it('leaves an escaped \\[?], a marker without a following space and a later line alone', () => {
    for (const md of ['- \\[?] no', '- [?]x no', '- text\n  [?] later']) {
      expect(items(md).every((i) => i.checked === null || i.checked === undefined), md).toBe(true)
    }
  })

  it('does not read brackets in a paragraph outside lists', () => {
    const tree = parse('[?] not a list')
    expect(all(tree, 'listItem')).toHaveLength(0)
    expect((all(tree, 'text')[0] as Text).value).toBe('[?] not a list')
  })
})
