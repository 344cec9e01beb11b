/**
 * The per-note preset (cut down to the features a note's text can contain) must give exactly
 * the tree of the full preset: positions, data and all. Checked over every vault we have, a
 * list of hand-written edge cases, and random mixtures of trigger characters.
 */
import { describe, expect, it } from 'vitest'
import fs from 'node:fs'
import path from 'node:path'
import fg from 'fast-glob'
import fc from 'fast-check'
import { unified } from 'unified'
import remarkParse from 'remark-parse'
import remarkGfm from 'remark-gfm'
import type { Root } from 'mdast'
import { createParseProcessor, createPresetProcessor } from '../../src/markdown/remark-obsidian.js'
import { remarkGfmParts } from '../../src/markdown/remark-gfm-parts.js'
import { ALL_FEATURES, Feature, syntaxFeatures } from '../../src/markdown/syntax-features.js'

const root = path.resolve(import.meta.dirname, '../..')
const presets = [false, true].map((strictLineBreaks) => ({
  strictLineBreaks,
  selected: createParseProcessor({ strictLineBreaks }),
  full: createPresetProcessor({ strictLineBreaks }),
}))
const [obsidian] = presets

/** Selected and full trees for `text`, with the source (as the parse stage runs) or without. */
function trees(text: string, withSource = true, preset = obsidian): [Root, Root] {
  const file = withSource ? { path: 'note.md', value: text } : undefined
  return [preset.selected.runSync(preset.selected.parse(text), file), preset.full.runSync(preset.full.parse(text), file)]
}

function expectSame(text: string): void {
  for (const preset of presets) {
    for (const withSource of [true, false]) {
      const [selected, full] = trees(text, withSource, preset)
      expect(selected, JSON.stringify({ text, withSource, strict: preset.strictLineBreaks })).toStrictEqual(full)
    }
  }
}

const TRICKY = [
  // tables: the delimiter row needs a `-` and a `|` or `:`, not a pipe
  '| a |\n:-:',
  'a\n:-:',
  'a\n-:\nb',
  'a | b\n-|-\nc | d\n^row-id',
  'a|b\r\n-|-\r\nc|d\r\n',
  'a|b\r-|-\rc|d',
  '- a | b\n  --|--\n  c | d',
  '> a | b\n> -|-\n> c | d',
  'a | b\n---',
  'Title\n---\ntext',
  '| a %%x%% | b |\n| - | - |\n| [[n\\|alias]] | #t |',
  // autolink literals, also decoded from escapes and character references
  'WWW.X.COM and www.example.org/path.',
  'HTTP://x and https://example.com/a_(b)',
  'mail me: a.b+c@example.co.uk, mailto:x@y.org, xmpp:x@y.org/r',
  'www\\.example.com and http\\://example.com',
  'www&#46;example.com and a&#64;b.org',
  '[www.x.com](http://y.z) <http://a.b>',
  // tasks
  '- [\n] a',
  '- [\r\n] a',
  '- [\t] a\n- [ ] b\n- [x] c\n- [X] d',
  '- [?] q\n- [>] f\n- [-] c\n1. [/] half',
  '- \\[?] escaped\n- [\\?] inner escape\n- &#91;?] entity',
  '- [ ]\n- [x]not a task',
  // math and dollars
  '$x$ and $$y$$ and it costs $5 and $10',
  '$$\nx^2\n$$',
  // front matter
  '\uFEFF---\ntitle: BOM\n---\nbody',
  '---\na: 1\n---\n',
  '---\nunclosed',
  'text\n---\na: 1\n---',
  // strikethrough, footnotes, inline footnotes
  '~~s~~ and ~single~ and ~~~',
  'A[^1] and [ ^1] and ![^1]\n\n[^1]: note',
  '[^a]: a definition without a call',
  'claim^[with **source** and [[Note]]] and ^[]',
  // Obsidian syntax
  '[[Note]] ![[image.png|100]] [[Note#^block|alias]] ![[Note#Heading]]',
  '%%comment%% text %%\nblock\n%%\n`%%code%%`',
  '#tag #nested/tag #1984 a#b [#in]',
  '==high== a == b *==x==* a*=b* _=c_',
  '> [!note] Title\n> body\n> > [!tip]- nested\n> > inner ^inner-id\n\n^outer-id',
  '> [!warning]+\n> text',
  '> \\[!note] escaped\n\n> [\\!tip] inner escape\n\n> &#91;!info] entity',
  '[!note] not in a quote',
  'para ^id\n\n- item ^item\n\n> quote\n\n^quote-id',
  'x &#94;id and \\^id',
  'a\nb  \nc\\\nd',
  '```js\n| a |\n|---|\nwww.x.com $x$ ==h== #t [[n]] %%c%%\n```',
  '    indented | code\n    -|-',
  '<div>www.x.com</div>\n\n<span>a@b.co</span>',
  '',
  '\n',
  'plain text only',
]

describe('syntaxFeatures', () => {
  const has = (text: string, feature: number) => (syntaxFeatures(text) & feature) !== 0

  it('finds table delimiter rows with or without pipes', () => {
    for (const t of ['| a |\n:-:', 'a\n-:', 'a|b\n-|-', '> a|b\n> -|-', 'a|b\r\n -|- \r\n', 'a|b\r-|-']) expect(has(t, Feature.table), t).toBe(true)
    for (const t of ['a | b\nc', 'a\n---', '- a\n- b', 'a | b', 'x\n|\n:']) expect(has(t, Feature.table), t).toBe(false)
  })

  it('finds autolink literals in any case, escaped or as character references', () => {
    for (const t of ['WWW.X.COM', 'HTTP://x', 'https:', 'a@b.co', 'www\\.x', 'http\\://x', '&#64;', '&commat;']) {
      expect(has(t, Feature.autolinkLiteral), t).toBe(true)
    }
    for (const t of ['www', 'htt://', 'a & b', 'plain']) expect(has(t, Feature.autolinkLiteral), t).toBe(false)
  })

  it('finds GFM checkboxes with any whitespace inside, and status tasks', () => {
    for (const t of ['- [ ] a', '- [\n] a', '- [\r\n] a', '- [\t] a', '- [x] a', '- [X] a']) {
      expect(has(t, Feature.taskList), t).toBe(true)
      expect(has(t, Feature.taskStatus), t).toBe(true)
    }
    expect(has('- [?] a', Feature.taskList)).toBe(false)
    for (const t of ['- [?] a', '- [\\?] a', '[/]']) expect(has(t, Feature.taskStatus), t).toBe(true)
    expect(has('- [ab] a', Feature.taskStatus)).toBe(false)
  })

  it('finds each Obsidian and GFM trigger', () => {
    const cases: Array<[string, number]> = [
      ['\uFEFF---\na: 1\n---', Feature.frontmatter],
      ['---\n', Feature.frontmatter],
      ['$x$', Feature.math],
      ['~~s~~', Feature.strikethrough],
      ['[^1]', Feature.footnote],
      ['^[x]', Feature.inlineFootnote],
      ['![[a]]', Feature.wikiLink],
      ['%%c%%', Feature.comment],
      ['#t', Feature.tag],
      ['==h==', Feature.highlight],
      ['a*=b*', Feature.highlight],
      ['> [!note]', Feature.callout],
      ['> [\\!note]', Feature.callout],
      ['> &#91;!note]', Feature.callout],
      ['x ^id', Feature.blockId],
      ['x &#94;id', Feature.blockId],
    ]
    for (const [text, feature] of cases) expect(has(text, feature), text).toBe(true)
  })

  it('leaves out what cannot match', () => {
    expect(syntaxFeatures('plain text, one line.')).toBe(0)
    expect(has('a\n---\nb', Feature.frontmatter)).toBe(false)
    expect(has('[!note] outside a quote', Feature.callout)).toBe(false)
    expect(has('> quote without a marker', Feature.callout)).toBe(false)
    expect(has('a = b', Feature.highlight)).toBe(false)
    expect(has('[ab] [cd]', Feature.taskList | Feature.taskStatus | Feature.wikiLink | Feature.footnote)).toBe(false)
    expect(syntaxFeatures('---\n' + TRICKY.join('\n'))).toBe(ALL_FEATURES)
  })
})

describe('per-note preset', () => {
  it('registers the GFM parts exactly as remark-gfm does', () => {
    const gfm = unified().use(remarkParse).use(remarkGfm, { singleTilde: false })
    const parts = unified().use(remarkParse).use(remarkGfmParts, { autolinkLiteral: true, footnote: true, strikethrough: true, table: true, taskList: true, singleTilde: false })
    for (const text of TRICKY) expect(parts.runSync(parts.parse(text)), text).toStrictEqual(gfm.runSync(gfm.parse(text)))
  })

  it('gives the full preset tree for hand-written edge cases', () => {
    for (const text of TRICKY) expectSame(text)
  })

  it('gives the full preset tree for random mixtures of trigger characters', () => {
    const pieces = ['|', '-', ':', '\n', '\r\n', ' ', '\t', '>', '[', ']', '!', '^', '$', '~', '=', '*', '_', '#', '%%', '\\', '`',
      'www.', 'http://', '@', 'x', 'a.b', 'note', '&#91;', '&#64;', '[[', ']]', '---', '- ', '1. ', '[ ]', '[?]', '^id', '[!tip]']
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (list) => expectSame(list.join(''))),
      { numRuns: 400 },
    )
  })

  it('uses the full preset for a tree it did not parse', () => {
    const text = '| a |\n|---|\n| b |'
    const tree = obsidian.full.parse(text)
    expect(obsidian.selected.runSync(structuredClone(tree), text)).toStrictEqual(obsidian.full.runSync(tree, text))
  })

  const folders = [
    'content',
    ...fg.sync('test/fixtures/vaults/*', { cwd: root, onlyDirectories: true }),
    ...['obsidian-help-en', 'quartz-docs', 'logos-roadmap'].map((c) => `../shared/corpora/${c}`),
  ]
  for (const folder of folders) {
    const dir = path.resolve(root, folder)
    it.skipIf(!fs.existsSync(dir))(`gives the full preset tree for every note in ${folder}`, () => {
      const differing: string[] = []
      for (const file of fg.sync('**/*.md', { cwd: dir })) {
        const text = fs.readFileSync(path.join(dir, file), 'utf8')
        const [selected, full] = trees(text)
        try {
          expect(selected).toStrictEqual(full)
        } catch {
          differing.push(file)
        }
      }
      expect(differing).toEqual([])
    })
  }
})
