/** Acceptance: formatting (OFM F1–F10, O3, O6) as HTML structure. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import type { Element } from 'hast'
import { buildVault, select, selectAll, textOf, type BuiltVault } from '../helpers/build-vault.js'
import type { SourcePath } from '../../src/vault/paths.js'

let v: BuiltVault
beforeAll(async () => {
  v = await buildVault({
    'f.md': [
      '---\ncssclasses: [wide, no-title]\n---',
      'A ==highlighted **bold**== word and a == b.',
      'Visible %%zzhidden [[secret]] #secrettag%% text.',
      '%%\nblock comment with ![[other]]\n\nacross a blank line\n%%',
      'After the block.',
      '`%%kept in code%%`',
      '~~struck~~ text',
      'Line one\nline two',
      '- [ ] open\n- [x] done\n- [?] question\n- [>] deferred\n- [-] cancelled\n- [/] half\n  - [ ] nested',
      'Ref[^1] then inline^[an **inline** note] then named[^named].',
      '[^1]: First.\n[^named]: Named.',
      'Math $x^2$ inline and $5 and $10 as text.',
      '$$\n\\frac{a}{b}\n$$',
      '<div onclick="evil()">\n**not bold** in an HTML block\n</div>',
      '<script>alert(1)</script>',
      'Inline <kbd>Ctrl</kbd> and <a href="javascript:alert(1)">bad link</a> <img src="x.png" onerror="evil()">',
    ].join('\n\n'),
    'other.md': 'other text',
    'embeds-comment.md': '![[commented]]',
    'commented.md': 'shown %%not shown%% here\n\n%%\nnor this\n%%',
    'tabs.md': [
      '- Several jobs:',
      '\t- Growth lead',
      '  - Business lead',
      '  - Solution engineer',
      '- A contributor',
      '\t- with a tab child',
      '\t\t- and a grandchild',
    ].join('\n'),
    'strict.md': 'one\ntwo',
  })
})
afterAll(() => v.cleanup())

const f = () => v.content('f.html')
const paragraph = (text: string): Element => {
  const p = selectAll('p', f()).find((x) => textOf(x).includes(text))
  if (!p) throw new Error(`no paragraph with ${text}`)
  return p
}

describe('highlights, comments, strikethrough', () => {
  it('renders ==text== as <mark> with nested emphasis and leaves a lone == as text', () => {
    const mark = select('mark', paragraph('highlighted'))
    expect(textOf(mark)).toBe('highlighted bold')
    expect(select('strong', mark!)).toBeTruthy()
    expect(textOf(paragraph('highlighted'))).toContain('a == b.')
  })

  it('removes inline comments with the links and tags inside them', () => {
    const p = paragraph('Visible')
    expect(textOf(p)).toBe('Visible text.')
    expect(select('a', p)).toBeUndefined()
  })

  it('removes block comments across blank lines, including embeds inside', () => {
    const text = textOf(f())
    expect(text).not.toContain('block comment')
    expect(text).not.toContain('across a blank line')
    expect(select('.markdown-embed', f())).toBeUndefined()
  })

  it('keeps %% inside code', () => {
    expect(textOf(select('p > code', f()))).toBe('%%kept in code%%')
  })

  it('removes comments from embedded notes and from the search text', () => {
    const embed = select('.markdown-embed-content', v.content('embeds-comment.html'))
    expect(textOf(embed)).toBe('shown here')
    // Search (pagefind) indexes the page as written, so nothing of a comment may be in it.
    const html = v.html('f.html')!
    for (const secret of ['zzhidden', 'secret', 'block comment']) expect(html).not.toContain(secret)
    expect(v.result.site.index.notes.get('f.md' as SourcePath)?.note.tags).not.toContain('secrettag')
  })

  it('renders ~~text~~ as <del>', () => {
    expect(textOf(select('del', f()))).toBe('struck')
  })
})

describe('task lists', () => {
  const items = () => selectAll('li.task-list-item', f())
  it('marks every task item with data-task, its status character', () => {
    expect(items().map((li) => li.properties.dataTask)).toEqual([' ', 'x', '?', '>', '-', '/', ' '])
  })

  it('checks the box for any non-space status, disabled, and strips the marker', () => {
    const boxes = items().map((li) => select(':scope > input[type=checkbox]', li) ?? select(':scope > p > input', li))
    expect(boxes.map((b) => Boolean(b?.properties.checked))).toEqual([false, true, true, true, true, true, false])
    expect(boxes.every((b) => b?.properties.disabled === true)).toBe(true)
    expect(textOf(items()[2])).toBe('question')
    expect(select('ul.contains-task-list', f())).toBeTruthy()
  })

  it('nests task lists', () => {
    expect(select('li[data-task="/"] > ul > li[data-task=" "]', f())).toBeTruthy()
  })
})

describe('footnotes', () => {
  it('numbers [^1], inline ^[…] and [^named] in reading order in one footnote section', () => {
    const refs = selectAll('sup > a[data-footnote-ref]', paragraph('Ref'))
    expect(refs.map(textOf)).toEqual(['1', '2', '3'])
    const notes = selectAll('section.footnotes li', f())
    expect(notes.map((li) => textOf(li).replace(' ↩', ''))).toEqual(['First.', 'an inline note', 'Named.'])
    expect(select('strong', notes[1])).toBeTruthy()
    expect(refs[1].properties.href).toBe('#' + notes[1].properties.id)
  })
})

describe('line breaks', () => {
  it('turns a single newline into <br> by default', () => {
    expect(select('br', paragraph('Line one'))).toBeTruthy()
  })

  it('keeps a soft break with strictLineBreaks: true', async () => {
    const strict = await buildVault({ 's.md': 'one\ntwo' }, { strictLineBreaks: true })
    try {
      expect(select('p br', strict.content('s.html'))).toBeUndefined()
      expect(select('p br', v.content('strict.html'))).toBeTruthy()
    } finally {
      await strict.cleanup()
    }
  })
})

describe('lists with tabs', () => {
  it('nests tab- and space-indented items as an author sees them', () => {
    const top = selectAll(':scope > ul > li', v.content('tabs.html'))
    expect(top).toHaveLength(2)
    expect(selectAll(':scope > ul > li', top[0]).map(textOf)).toEqual(['Growth lead', 'Business lead', 'Solution engineer'])
    const child = select(':scope > ul > li', top[1])
    expect(textOf(child).startsWith('with a tab child')).toBe(true)
    expect(textOf(select(':scope > ul > li', child!))).toBe('and a grandchild')
  })
})

describe('math', () => {
  it('renders $…$ and $$…$$ with KaTeX at build time', () => {
    expect(select('.katex', paragraph('Math'))).toBeTruthy()
    expect(select('.katex-display', f())).toBeTruthy()
    expect(v.html('f.html')).toContain('katex/katex.min.css')
  })

  it('keeps $5 and $10 as text', () => {
    expect(textOf(paragraph('Math'))).toContain('$5 and $10 as text.')
    expect(selectAll('.katex', paragraph('Math'))).toHaveLength(1)
  })
})

describe('raw HTML', () => {
  it('keeps an HTML block without rendering the Markdown inside it (O6)', () => {
    const div = selectAll(':scope > div', f()).find((d) => !d.properties.className && textOf(d).includes('not bold'))
    expect(textOf(div)).toContain('**not bold**')
    expect(select('strong', div!)).toBeUndefined()
  })

  it('removes <script>, on* handlers and javascript: URLs, keeping the rest', () => {
    const html = v.html('f.html')!
    const content = f()
    expect(selectAll('script', content)).toHaveLength(0)
    expect(html).not.toContain('alert(1)')
    expect(html).not.toContain('evil()')
    expect(textOf(select('kbd', content))).toBe('Ctrl')
    const bad = selectAll('a', content).find((a) => textOf(a) === 'bad link')
    expect(bad?.properties.href).toBeUndefined()
  })
})

describe('cssclasses', () => {
  it('puts front matter cssclasses on the content container', () => {
    const article = select('article', v.page('f.html'))
    expect(article?.properties.className).toEqual(expect.arrayContaining(['markdown-rendered', 'wide', 'no-title']))
  })
})
