import { describe, it, expect } from 'vitest'
import { h } from 'hastscript'
import type { Root, Element } from 'hast'
import { visit, SKIP as VSKIP } from 'unist-util-visit'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmFootnote } from 'micromark-extension-gfm-footnote'
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote'
import { toHast } from 'mdast-util-to-hast'
import { walkElements, someElement, SKIP, REMOVE, EXIT } from '../../src/markdown/hast-walk.js'
import { mdastToHast } from '../../src/markdown/mdast-to-hast.js'

const tree = (): Root => ({
  type: 'root',
  children: [
    h('div#a', [h('p#b', ['text', h('em#c')]), h('script#d', [h('i#e')]), h('span#f')]),
    { type: 'text', value: ' ' },
    h('section#g', [h('b#h')]),
  ],
})
const id = (el: Element) => String(el.properties.id)

describe('walkElements', () => {
  it('visits elements in document order, entering before and leaving after the children', () => {
    const log: string[] = []
    walkElements(tree(), { enter: (el) => void log.push('>' + id(el)), leave: (el) => void log.push('<' + id(el)) })
    expect(log.join(' ')).toBe('>a >b >c <c <b >d >e <e <d >f <f <a >g >h <h <g')
  })

  it('SKIP leaves the children out but still leaves the element', () => {
    const log: string[] = []
    walkElements(tree(), { enter: (el) => (log.push('>' + id(el)), id(el) === 'a' ? SKIP : undefined), leave: (el) => void log.push('<' + id(el)) })
    expect(log.join(' ')).toBe('>a <a >g >h <h <g')
  })

  it('REMOVE takes the element out and goes on with its next sibling, as visit with [SKIP, index] does', () => {
    const mine = tree()
    const seen: string[] = []
    walkElements(mine, { enter: (el) => (seen.push(id(el)), el.tagName === 'script' || el.tagName === 'p' ? REMOVE : undefined) })
    const theirs = tree()
    const seen2: string[] = []
    visit(theirs, 'element', (el: Element, index, parent) => {
      seen2.push(id(el))
      if ((el.tagName === 'script' || el.tagName === 'p') && parent && index !== undefined) {
        parent.children.splice(index, 1)
        return [VSKIP, index]
      }
      return undefined
    })
    expect(seen).toEqual(['a', 'b', 'd', 'f', 'g', 'h'])
    expect(seen).toEqual(seen2)
    expect(mine).toEqual(theirs)
  })

  it('reads children after the visitor ran, so a visitor may replace them', () => {
    const seen: string[] = []
    walkElements(tree(), {
      enter(el) {
        seen.push(id(el))
        if (id(el) === 'g') el.children = [h('u#new')]
      },
    })
    expect(seen.slice(-2)).toEqual(['g', 'new'])
  })

  it('EXIT stops the walk; someElement stops at the first match', () => {
    const seen: string[] = []
    expect(walkElements(tree(), { enter: (el) => (seen.push(id(el)), id(el) === 'c' ? EXIT : undefined) })).toBe(false)
    expect(seen).toEqual(['a', 'b', 'c'])
    expect(someElement(tree(), (el) => el.tagName === 'b')).toBe(true)
    expect(someElement(tree(), (el) => el.tagName === 'table')).toBe(false)
  })
})

describe('mdastToHast', () => {
  it('gives exactly what toHast gives, definitions and footnotes included', () => {
    const md = [
      'A [link][x], [again][X], ![img][y], a note[^1] and another[^n].',
      '',
      '[x]: https://first.example "First"',
      '[x]: https://second.example',
      '',
      '> [y]: pic.png',
      '',
      '[^1]: One, with [x].',
      '[^1]: Duplicate.',
      '',
      '- [^n]: In a list',
    ].join('\n')
    const mdast = () => fromMarkdown(md, { extensions: [gfmFootnote()], mdastExtensions: [gfmFootnoteFromMarkdown()] })
    const options = { allowDangerousHtml: true }
    const mine = mdastToHast(mdast(), options)
    expect(mine).toEqual(toHast(mdast(), options))
    const json = JSON.stringify(mine)
    for (const s of ['https://first.example', '"First"', 'pic.png', 'dataFootnotes', 'Duplicate']) expect(json.includes(s), s).toBe(s !== 'Duplicate')
  })
})
