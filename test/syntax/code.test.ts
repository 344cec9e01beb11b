/** Acceptance: code blocks, Mermaid diagrams and heading anchors as HTML structure. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import type { Element } from 'hast'
import { buildVault, select, selectAll, textOf, type BuiltVault } from '../helpers/build-vault.js'
import { highlightLines, highlightCacheSize, grammarName } from '../../src/markdown/highlighter.js'
import { codeTitle } from '../../src/markdown/code-block.js'

const TS = 'const answer: number = 42'
let v: BuiltVault
beforeAll(async () => {
  v = await buildVault({
    'code.md': [
      '```ts\n' + TS + '\n```',
      '```ts title="example.ts"\n' + TS + '\n```',
      '```nosuchlang\nplain <b>text</b>\n```',
      '```\nno language\n```',
      '    indented code',
    ].join('\n\n'),
    'diagram.md': '# Diagram\n\n```mermaid\n%%{init: {"theme": "forest"}}%%\nflowchart LR\n  a[A & B] --> b\n```\n\n## Second',
    'plain.md': '# Plain\n\nNo code here.',
  })
})
afterAll(() => v.cleanup())

const blocks = () => selectAll('.code-block', v.content('code.html'))
const codeOf = (block: Element) => select('pre > code', block) as Element

describe('code blocks', () => {
  it('highlights a known language at build time and keeps class="language-xx" on <code>', () => {
    const [block] = blocks()
    expect(codeOf(block).properties.className).toEqual(['language-ts'])
    expect(select('pre', block)?.properties.className).toEqual(['shiki'])
    const tokens = selectAll('span.line > span[style]', block)
    expect(tokens.length).toBeGreaterThan(3)
    expect(textOf(codeOf(block))).toBe(TS)
  })

  it('writes light and dark colours as CSS variables on the same tokens', () => {
    const style = String(select('span.line > span[style]', blocks()[0])?.properties.style)
    expect(style).toMatch(/--shiki-light:#[0-9a-f]{6};--shiki-dark:#[0-9a-f]{6}/i)
  })

  it('puts a title from the info string above the block', () => {
    const block = blocks()[1]
    const first = block.children.find((c): c is Element => c.type === 'element')
    expect(first?.properties.className).toEqual(['code-title'])
    expect(textOf(first)).toBe('example.ts')
    expect(textOf(codeOf(block))).toBe(TS)
  })

  it('leaves an unknown language, no language and indented code plain', () => {
    const [, , unknown, none, indented] = blocks()
    expect(codeOf(unknown).properties.className).toEqual(['language-nosuchlang'])
    expect(select('span', unknown)).toBeUndefined()
    expect(textOf(codeOf(unknown))).toBe('plain <b>text</b>')
    expect(select('span', none)).toBeUndefined()
    expect(textOf(codeOf(indented))).toBe('indented code')
  })

  it('loads the copy-button script on pages with code only', () => {
    const scripts = (file: string) => selectAll('script[src]', v.page(file)).map((s) => String(s.properties.src))
    expect(scripts('code.html')).toContain('_grove/syntax.js')
    expect(scripts('plain.html')).not.toContain('_grove/syntax.js')
  })
})

describe('highlighter', () => {
  it('caches blocks by language and code, and returns independent copies', () => {
    const code = 'let cached = "' + Math.random() + '"'
    const before = highlightCacheSize()
    const a = highlightLines(code, 'ts')
    const b = highlightLines(code, 'typescript')
    expect(highlightCacheSize()).toBe(before + 1)
    expect(a).toEqual(b)
    expect(a).not.toBe(b)
  })

  it('knows common aliases and nothing else', () => {
    expect(grammarName('sh')).toBe('shellscript')
    expect(grammarName('YML')).toBe('yaml')
    expect(grammarName('dataviewjs')).toBeUndefined()
  })

  it('reads title="…", title=\'…\' and title=bare from the info string', () => {
    expect(codeTitle('title="a b.ts"')).toBe('a b.ts')
    expect(codeTitle("{1,3} title='x.ts'")).toBe('x.ts')
    expect(codeTitle('title=x.ts')).toBe('x.ts')
    expect(codeTitle('subtitle')).toBeUndefined()
  })
})

describe('mermaid', () => {
  it('renders a mermaid block as <pre class="mermaid"> holding the readable source', () => {
    const pre = select('pre.mermaid', v.content('diagram.html'))
    expect(pre).toBeTruthy()
    expect(select('code', pre!)).toBeUndefined()
    expect(textOf(pre)).toBe('%%{init: {"theme": "forest"}}%% flowchart LR a[A & B] --> b')
  })

  it('loads the diagram script only on pages with a diagram and ships mermaid locally', () => {
    expect(select('script[src="_grove/syntax.js"]', v.page('diagram.html'))).toBeTruthy()
    expect(select('script[src="_grove/syntax.js"]', v.page('plain.html'))).toBeUndefined()
    expect(v.sink.files.has('_grove/mermaid.min.js')).toBe(true)
    expect(v.html('diagram.html')).not.toMatch(/https?:\/\/[^"]*mermaid/)
  })
})

describe('heading anchors', () => {
  it('gives each heading a link to itself, keeping the heading text its own', () => {
    const h2 = select('h2', v.content('diagram.html'))
    const anchor = select(':scope > a.heading-anchor', h2!)
    expect(anchor?.properties.href).toBe('#' + h2?.properties.id)
    expect(anchor?.properties.ariaLabel).toBe('Link to this section')
    expect(textOf(h2)).toBe('Second')
    const toc = selectAll('.toc a', v.page('diagram.html')).map(textOf)
    expect(toc).toContain('Second')
  })
})
