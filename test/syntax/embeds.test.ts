/** Acceptance: note embeds and transclusion (OFM E1–E4, B1–B4) as HTML structure. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import type { Element } from 'hast'
import { buildVault, select, selectAll, textOf, type BuiltVault } from '../helpers/build-vault.js'

const TARGET = [
  '---\ntitle: Target\n---',
  'Intro paragraph.',
  '# Alpha',
  'alpha text',
  '## Sub one',
  'sub one text',
  '## Sub two',
  'sub two text',
  '# Beta',
  'beta text',
  '## Winter',
  '### Tips',
  'winter tips',
  '## Summer',
  '### Tips',
  'summer tips',
  '## Blocks',
  'before para',
  'The paragraph. ^para',
  'after para',
  '- item one',
  '- item two ^item\n  - child of two',
  '- item three',
  '',
  '* l1\n* l2',
  '',
  '^list',
  '',
  '> a quote',
  '',
  '^quote',
  '',
  '> [!tip] A callout\n> callout body\n^callout',
  '',
  '| a | b |\n| - | - |\n| 1 | 2 |\n',
  '^table',
  '',
  '![[pic.png]]^image',
  '',
  'last paragraph',
].join('\n\n').replace(/\n\n\n/g, '\n\n')

let v: BuiltVault
beforeAll(async () => {
  v = await buildVault({
    'target.md': TARGET,
    'pic.png': new Uint8Array([137, 80, 78, 71]),
    'host.md': [
      '![[target]]',
      '![[target#Alpha]]',
      '![[target#Summer#Tips]]',
      '![[target#^para]]',
      '![[target#^item]]',
      '![[target#^list]]',
      '![[target#^quote]]',
      '![[target#^callout]]',
      '![[target#^table]]',
      '![[target#^image]]',
    ].join('\n\n'),
    'twice.md': '![[target#^para]]\n\n![[target#^para]]',
    'sub/embedded.md': 'See [[neighbour]] and [md](neighbour.md) and ![[inner]].',
    'sub/neighbour.md': 'the sub neighbour',
    'other/neighbour.md': 'the other neighbour',
    'sub/inner.md': 'inner text with #tag',
    'other/outer.md': '![[sub/embedded]]',
    'cycle-a.md': 'A text\n\n![[cycle-b]]',
    'cycle-b.md': 'B text\n\n  ![[cycle-a]]',
    'd1.md': '![[d2]]',
    'd2.md': '![[d3]]',
    'd3.md': '![[d4]]',
    'd4.md': 'deepest',
    'draft.md': '---\ndraft: true\n---\nsecret draft text',
    'uses-draft.md': '![[draft]]',
  }, { maxEmbedDepth: 2 })
})
afterAll(() => v.cleanup())

const embeds = (file: string) => selectAll(':scope > .markdown-embed', v.content(file))
const body = (embed: Element) => select(':scope > .markdown-embed-content', embed) as Element
const kids = (el: Element) => el.children.filter((c): c is Element => c.type === 'element')

describe('note embeds', () => {
  it('embeds the whole note without its front matter, with a link to the source', () => {
    const [whole] = embeds('host.html')
    const text = textOf(body(whole))
    expect(text.startsWith('Intro paragraph. Alpha')).toBe(true)
    expect(text).not.toContain('title: Target')
    expect(select(':scope > a.markdown-embed-link', whole)?.properties.href).toBe('target.html')
  })

  it('embeds a heading section up to the next heading of the same or higher level', () => {
    const section = body(embeds('host.html')[1])
    expect(kids(section).map((k) => k.tagName)).toEqual(['h1', 'p', 'h2', 'p', 'h2', 'p'])
    expect(textOf(section)).toBe('Alpha alpha text Sub one sub one text Sub two sub two text')
  })

  it('embeds the nested heading of a heading path (#Summer#Tips, not the first Tips)', () => {
    expect(textOf(body(embeds('host.html')[2]))).toBe('Tips summer tips')
  })

  it('embeds exactly the paragraph with a block id, not its neighbours', () => {
    const block = body(embeds('host.html')[3])
    expect(kids(block).map((k) => k.tagName)).toEqual(['p'])
    expect(textOf(block)).toBe('The paragraph.')
  })

  it('embeds a list item with its children, alone in a list', () => {
    const block = body(embeds('host.html')[4])
    const items = selectAll(':scope > ul > li', block)
    expect(items).toHaveLength(1)
    expect(textOf(items[0])).toBe('item two child of two')
  })

  it('embeds a whole list, quote, callout and table named on the line after them', () => {
    const [list, quote, callout, table] = embeds('host.html').slice(5, 9).map(body)
    expect(kids(list).map((k) => k.tagName)).toEqual(['ul'])
    expect(textOf(list)).toBe('l1 l2')
    expect(kids(quote).map((k) => k.tagName)).toEqual(['blockquote'])
    expect(textOf(quote)).toBe('a quote')
    expect(kids(callout)).toHaveLength(1)
    expect(kids(callout)[0].properties.dataCallout).toBe('tip')
    expect(textOf(select('.callout-content', callout))).toBe('callout body')
    expect(kids(table).map((k) => k.tagName)).toEqual(['table'])
  })

  it('names a paragraph whose ^id is glued to an embed (![[x.png]]^id) and embeds it', () => {
    const block = body(embeds('host.html')[9])
    expect(select('img', block)?.properties.src).toBe('pic.png')
    expect(textOf(block)).not.toContain('^image')
    expect(select('p#\\^image', v.content('target.html'))).toBeTruthy()
  })

  it('drops ids and heading anchors inside embeds so the page has no duplicate anchors', () => {
    const host = v.content('host.html')
    for (const e of embeds('host.html')) expect(selectAll('[id]', e)).toHaveLength(0)
    expect(selectAll('.heading-anchor', host)).toHaveLength(0)
  })

  it('resolves links in embedded content relative to the embedded note', () => {
    // From other/outer.md the host's own folder would pick other/neighbour.md.
    const [embed] = embeds('other/outer.html')
    const links = selectAll('a.internal-link', body(embed)).map((a) => a.properties.href)
    expect(links).toEqual(['../sub/neighbour.html', '../sub/neighbour.html'])
  })

  it('renders nested embeds with their own tags and links', () => {
    const inner = select('.markdown-embed .markdown-embed', v.content('other/outer.html'))
    expect(textOf(select('.markdown-embed-content', inner!))).toBe('inner text with #tag')
    expect(select('a.tag', inner!)?.properties.href).toBe('../tags/tag.html')
  })

  it('renders the same note embedded twice on one page both times', () => {
    expect(embeds('twice.html').map((e) => textOf(body(e)))).toEqual(['The paragraph.', 'The paragraph.'])
  })

  it('cuts an embed cycle with a visible notice and a positioned warning', () => {
    const notice = select('.embed-notice', v.content('cycle-a.html'))
    expect(textOf(notice)).toContain('Embed cycle')
    const warning = v.diagnostics.find((d) => d.ruleId === 'embed-cycle' && d.file === 'cycle-b.md')
    expect(warning).toMatchObject({ line: 3, column: 3 })
  })

  it('stops at the depth limit with a notice and a warning', () => {
    expect(textOf(select('.embed-notice', v.content('d1.html')))).toContain('depth limit')
    expect(v.diagnostics.some((d) => d.ruleId === 'embed-cycle' && /deeper than 2/.test(d.message))).toBe(true)
  })

  it('renders an embed of an unpublished note as unresolved, without its text', () => {
    const content = v.content('uses-draft.html')
    expect(textOf(content)).not.toContain('secret draft text')
    expect(select('.is-unresolved', content)).toBeTruthy()
  })

  it('never renders an embed empty', () => {
    for (const file of ['host.html', 'other/outer.html', 'twice.html']) {
      for (const e of selectAll('.markdown-embed-content', v.content(file))) expect(textOf(e) || select('img', e)).toBeTruthy()
    }
  })
})
