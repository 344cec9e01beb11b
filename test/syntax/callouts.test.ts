/** Acceptance: callouts (OFM C1–C9) as HTML structure, on one inline vault. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import type { Element } from 'hast'
import { buildVault, select, selectAll, textOf, type BuiltVault } from '../helpers/build-vault.js'
import { CALLOUT_TYPES } from '../../src/markdown/callout-types.js'

const ALL_TYPES = Object.entries(CALLOUT_TYPES).flatMap(([canonical, aliases]) => [canonical, ...aliases].map((t) => [t, canonical] as const))

let v: BuiltVault
beforeAll(async () => {
  v = await buildVault({
    'types.md': ALL_TYPES.map(([t]) => `> [!${t}]\n> body of ${t}`).join('\n\n'),
    'c.md': [
      '> [!QUOTE] TLDR:\n> upper-case type',
      '> [!faq]',
      '> [!info] A *custom* title with [[other]] and `code`\n> body',
      '> [!tip] Title only',
      '> [!faq]- Folded\n> hidden body',
      '> [!example]+ Open\n> shown body',
      '> [!question] Outer\n> outer body\n> > [!todo]- Inner\n> > inner body\n> > > [!success] Third\n> > > third body',
      '> [!custom-type] Mine\n> custom body',
      '>[!info] No space\n>body',
      '> [!warning] Lazy\nlazy continuation line',
      '> plain quote',
      '```md\n> [!note] in code\n```',
    ].join('\n\n'),
    'other.md': 'other note',
  })
})
afterAll(() => v.cleanup())

const callouts = (file: string) => selectAll('.callout', v.content(file))
const byTitle = (file: string, title: string): Element => {
  const found = callouts(file).find((c) => textOf(select('.callout-title-inner', c)) === title)
  if (!found) throw new Error(`no callout titled ${title}`)
  return found
}

describe('callouts', () => {
  it('renders every canonical type and alias with its canonical data-callout', () => {
    const els = callouts('types.html')
    expect(els).toHaveLength(ALL_TYPES.length)
    els.forEach((el, i) => {
      expect(el.properties.dataCallout).toBe(ALL_TYPES[i][1])
      expect(textOf(select('.callout-content', el))).toBe(`body of ${ALL_TYPES[i][0]}`)
    })
  })

  it('gives every callout the Obsidian parts: title with icon and inner title, and content', () => {
    for (const el of callouts('types.html')) {
      expect(select(':scope > .callout-title > .callout-icon', el)).toBeTruthy()
      expect(select(':scope > .callout-title > .callout-title-inner', el)).toBeTruthy()
      expect(select(':scope > .callout-content', el)).toBeTruthy()
    }
  })

  it('uses the type in title case as the default title, "Faq" for [!faq]', () => {
    expect(textOf(select('.callout-title-inner', callouts('types.html')[0]))).toBe('Note')
    const faq = callouts('c.html').find((c) => textOf(c) === 'Faq')
    expect(faq?.properties.dataCallout).toBe('question')
  })

  it('treats the type case-insensitively: [!QUOTE] is a quote', () => {
    expect(byTitle('c.html', 'TLDR:').properties.dataCallout).toBe('quote')
  })

  it('renders inline Markdown and links in a custom title', () => {
    const title = select('.callout-title-inner', byTitle('c.html', 'A custom title with other and code'))
    expect(select('em', title!)).toBeTruthy()
    expect(select('code', title!)).toBeTruthy()
    expect(select('a.internal-link[href="other.html"]', title!)).toBeTruthy()
  })

  it('accepts a title-only callout with an empty content', () => {
    const el = byTitle('c.html', 'Title only')
    expect(textOf(select('.callout-content', el))).toBe('')
  })

  it('renders [!x]- as <details> without open and [!x]+ as <details open>', () => {
    const folded = byTitle('c.html', 'Folded')
    expect(folded.tagName).toBe('details')
    expect(folded.properties.open).toBeFalsy()
    expect(folded.properties.dataCalloutFold).toBe('-')
    expect(select(':scope > summary.callout-title', folded)).toBeTruthy()
    const open = byTitle('c.html', 'Open')
    expect(open.tagName).toBe('details')
    expect(open.properties.open).toBe(true)
    expect(byTitle('c.html', 'Title only').tagName).toBe('div')
  })

  it('nests callouts to any depth', () => {
    const outer = byTitle('c.html', 'Outer')
    const inner = select(':scope > .callout-content > .callout', outer)
    expect(inner?.tagName).toBe('details')
    expect(inner?.properties.dataCallout).toBe('todo')
    const third = select(':scope > .callout-content > .callout', inner!)
    expect(third?.properties.dataCallout).toBe('success')
    expect(textOf(select('.callout-content', third!))).toBe('third body')
  })

  it('keeps an unknown type in data-callout (styled like note by the theme)', () => {
    expect(byTitle('c.html', 'Mine').properties.dataCallout).toBe('custom-type')
  })

  it('accepts >[!info] without a space after >', () => {
    expect(byTitle('c.html', 'No space').properties.dataCallout).toBe('info')
  })

  it('takes a lazy continuation line into the callout body', () => {
    expect(textOf(select('.callout-content', byTitle('c.html', 'Lazy')))).toBe('lazy continuation line')
  })

  it('leaves a quote without marker a blockquote and a marker in code literal', () => {
    const content = v.content('c.html')
    expect(textOf(select(':scope > blockquote', content))).toBe('plain quote')
    expect(textOf(select('pre code', content))).toBe('> [!note] in code')
  })
})
