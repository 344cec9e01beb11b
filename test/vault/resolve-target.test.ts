import { describe, it, expect, afterEach } from 'vitest'
import { buildVault, select, selectAll, textOf, type BuiltVault } from '../helpers/build-vault.js'

let v: BuiltVault | undefined
afterEach(async () => {
  await v?.cleanup()
  v = undefined
})

const linkIn = (b: BuiltVault, page: string) => {
  const a = select('.page-content a.internal-link, .page-content span.internal-link', b.page(page))
  if (!a) throw new Error('no link in ' + page)
  return a
}

describe('Obsidian link resolution', () => {
  it('resolves a bare name case-insensitively to a note in another folder', async () => {
    v = await buildVault({ 'a.md': 'see [[settings]]', 'ui/Settings.md': '# S' })
    expect(linkIn(v, 'a.html').properties.href).toBe('ui/settings.html')
    expect(v.diagnostics).toEqual([])
  })

  it('resolves a vault-root path, a path with .md and a padded target with alias', async () => {
    v = await buildVault({ 'x/a.md': '[[x/b]] [[b.md]] [[ b | Bee ]]', 'x/b.md': 'b' })
    const links = selectAll('.page-content a.internal-link', v.page('x/a.html'))
    expect(links.map((l) => l.properties.href)).toEqual(['b.html', 'b.html', 'b.html'])
    expect(textOf(links[2])).toBe('Bee')
  })

  it('prefers the file in the linking note\'s folder among duplicates, without a warning', async () => {
    v = await buildVault({ 'sync/Security.md': 's', 'publish/Security.md': 'p', 'sync/intro.md': '[[Security]]' })
    expect(linkIn(v, 'sync/intro.html').properties.href).toBe('security.html')
    expect(v.diagnostics.filter((d) => d.ruleId === 'ambiguous-link')).toEqual([])
  })

  it('prefers the same-folder file over a vault-root file of the same name', async () => {
    v = await buildVault({ 'neighbour.md': 'root', 'sub/neighbour.md': 'local', 'sub/n.md': '[[neighbour]] [n](neighbour.md)' })
    const hrefs = selectAll('.page-content a.internal-link', v.page('sub/n.html')).map((a) => a.properties.href)
    expect(hrefs).toEqual(['neighbour.html', 'neighbour.html'])
    expect(v.diagnostics).toEqual([])
  })

  it('picks the shortest path among duplicates elsewhere and warns ambiguous-link with the position', async () => {
    v = await buildVault({ 'deep/er/Dup.md': 'd', 'top/Dup.md': 't', 'root.md': 'line\nsee [[Dup]]' })
    expect(linkIn(v, 'root.html').properties.href).toBe('top/dup.html')
    const d = v.diagnostics.find((x) => x.ruleId === 'ambiguous-link')
    expect(d).toMatchObject({ file: 'root.md', line: 2, column: 5 })
    expect(d?.message).toContain('deep/er/Dup.md')
  })

  it('resolves a path relative to the linking note', async () => {
    v = await buildVault({ 'a/b/n.md': '[[../c/t]]', 'a/c/t.md': 't' })
    expect(linkIn(v, 'a/b/n.html').properties.href).toBe('../c/t.html')
  })

  it('resolves a partial path by its suffix', async () => {
    v = await buildVault({ 'n.md': '[[dr/x]]', 'vac/dr/x.md': 'x' })
    expect(linkIn(v, 'n.html').properties.href).toBe('vac/dr/x.html')
  })

  it('does not resolve a non-Markdown file without its extension', async () => {
    v = await buildVault({ 'n.md': '[[Doc]] and [[Doc.pdf]]', 'files/Doc.pdf': '%PDF-1.4' })
    const page = v.page('n.html')
    expect(select('.page-content span.is-unresolved', page)).toBeTruthy()
    expect(select('.page-content a.internal-link', page)?.properties.href).toBe('files/doc.pdf')
    expect(v.sink.files.has('files/doc.pdf')).toBe(true)
  })

  it('never resolves by front matter title or alias', async () => {
    v = await buildVault({ 'n.md': '[[Fancy Title]] [[AI]]', 'real.md': '---\ntitle: Fancy Title\naliases: [AI]\n---\nx' })
    expect(selectAll('.page-content span.internal-link.is-unresolved', v.page('n.html'))).toHaveLength(2)
  })

  it('renders an unresolved link as a span without href and warns with a did-you-mean', async () => {
    v = await buildVault({ 'n.md': '---\ntitle: N\n---\n\nText [[content/notes/target]] end', 'notes/target.md': 't' })
    const span = select('.page-content span.internal-link.is-unresolved', v.page('n.html'))
    expect(span?.properties.href).toBeUndefined()
    expect(v.diagnostics).toEqual([
      expect.objectContaining({ file: 'n.md', line: 5, column: 6, ruleId: 'unresolved-link', message: expect.stringContaining('did you mean notes/target?') }),
    ])
  })

  it('strips the table escape from [[a\\|b]] and uses b as the text', async () => {
    v = await buildVault({ 'n.md': '| h |\n| - |\n| [[target\\|Shown]] |', 'target.md': 't' })
    const a = select('.page-content td a.internal-link', v.page('n.html'))
    expect(a?.properties.href).toBe('target.html')
    expect(textOf(a)).toBe('Shown')
  })

  it('resolves Markdown links: percent-encoded, without .md, relative, with a fragment', async () => {
    v = await buildVault({
      'dir/n.md': '[a](Note%20Name.md) [b](Note%20Name) [c](../top.md) [d](<Note Name.md#Part Two>)',
      'dir/Note Name.md': '## Part Two',
      'top.md': 't',
    })
    const hrefs = selectAll('.page-content a.internal-link', v.page('dir/n.html')).map((a) => a.properties.href)
    expect(hrefs).toEqual(['note-name.html', 'note-name.html', '../top.html', 'note-name.html#part-two'])
    expect(v.diagnostics).toEqual([])
  })

  it('leaves external links untouched', async () => {
    v = await buildVault({ 'n.md': '[x](https://example.org/a#b) <mailto:a@b.c>' })
    expect(selectAll('.page-content a', v.page('n.html')).map((a) => a.properties.href)).toEqual(['https://example.org/a#b', 'mailto:a@b.c'])
  })

  it('treats links to draft and publish: false notes as unresolved', async () => {
    v = await buildVault({ 'n.md': '[[d]] [[p]]', 'd.md': '---\ndraft: true\n---\nsecret', 'p.md': '---\npublish: false\n---\nsecret' })
    expect(selectAll('.page-content span.is-unresolved', v.page('n.html'))).toHaveLength(2)
    expect(v.html('d.html')).toBeUndefined()
    expect(v.html('p.html')).toBeUndefined()
    expect(v.diagnostics.map((d) => d.ruleId)).toEqual(['unresolved-link', 'unresolved-link'])
  })

  it('says a bare-name link points to an unpublished note', async () => {
    v = await buildVault({ 'n.md': '[[secret]]', 'deep/secret.md': '---\ndraft: true\n---\nx' })
    expect(v.diagnostics).toEqual([expect.objectContaining({ ruleId: 'unresolved-link', message: expect.stringContaining('unpublished note') })])
  })

  it('links to a generated folder page and tag page instead of leaving a dead link', async () => {
    v = await buildVault({ 'n.md': '[[guide]] [t](tags/topic) #topic', 'guide/a.md': 'a' })
    const hrefs = selectAll('.page-content a', v.page('n.html')).map((a) => a.properties.href)
    expect(hrefs).toEqual(['guide/index.html', 'tags/topic.html', 'tags/topic.html'])
    expect(v.diagnostics).toEqual([])
  })
})

describe('heading and block links', () => {
  const note = '# Title\n\n## Winter\n\n### Tips\n\nw\n\n## Summer\n\n### Tips\n\ns\n\n## Step 1: Prepare\n\n## `code` & more?\n\nA paragraph ^para-1\n\n- item one\n- item two ^item-2\n'

  it('shows Note > Heading as the text of a link without alias', async () => {
    v = await buildVault({ 'n.md': note, 'l.md': '[[n#Winter]] [[n#Summer#Tips]]' })
    const links = selectAll('.page-content a.internal-link', v.page('l.html'))
    expect(links.map(textOf)).toEqual(['n > Winter', 'n > Summer > Tips'])
  })

  it('targets the nested heading of an A#B chain, not the first match', async () => {
    v = await buildVault({ 'n.md': note, 'l.md': '[[n#Summer#Tips]] [[n#Tips]]' })
    const links = selectAll('.page-content a.internal-link', v.page('l.html'))
    expect(links.map((l) => l.properties.href)).toEqual(['n.html#tips-1', 'n.html#tips'])
    const target = select('#tips-1', v.page('n.html'))
    expect(target?.tagName).toBe('h3')
  })

  it('matches headings by raw text, case-insensitively and ignoring link-invalid characters', async () => {
    v = await buildVault({ 'n.md': note, 'l.md': '[[n#step 1 prepare]] [[n#`code` & more?]]' })
    const hrefs = selectAll('.page-content a.internal-link', v.page('l.html')).map((l) => l.properties.href)
    expect(hrefs).toEqual(['n.html#step-1-prepare', 'n.html#code--more'])
    expect(v.diagnostics).toEqual([])
  })

  it('links to a same-note heading with just its text', async () => {
    v = await buildVault({ 'n.md': '## Alpha\n\nsee [[#alpha]]' })
    const a = select('.page-content a.internal-link', v.page('n.html'))
    expect(a?.properties.href).toBe('#alpha')
    expect(textOf(a)).toBe('alpha')
  })

  it('keeps a link to a missing heading pointing at the note and warns missing-heading', async () => {
    v = await buildVault({ 'n.md': note, 'l.md': '[[n#Nope]]' })
    expect(select('.page-content a.internal-link', v.page('l.html'))?.properties.href).toBe('n.html')
    expect(v.diagnostics).toEqual([expect.objectContaining({ ruleId: 'missing-heading', line: 1, column: 1 })])
  })

  it('gives block ids an anchor on the block, hides the marker, and links to it', async () => {
    v = await buildVault({ 'n.md': note, 'l.md': '[[n#^para-1]] [[n#^item-2]]' })
    const hrefs = selectAll('.page-content a.internal-link', v.page('l.html')).map((l) => l.properties.href)
    expect(hrefs).toEqual(['n.html#^para-1', 'n.html#^item-2'])
    const page = v.page('n.html')
    expect(select('[id="^para-1"]', page)?.tagName).toBe('p')
    expect(select('[id="^item-2"]', page)?.tagName).toBe('li')
    expect(textOf(select('.page-content', page))).not.toContain('^para-1')
  })

  it('gives every heading on a page a unique id', async () => {
    v = await buildVault({ 'n.md': '## A\n\n## A\n\n## A' })
    const ids = selectAll('.page-content h2', v.page('n.html')).map((x) => x.properties.id)
    expect(ids).toEqual(['a', 'a-1', 'a-2'])
  })
})
