import { describe, it, expect, afterEach } from 'vitest'
import { buildVault, select, selectAll, textOf, deadHrefs, type BuiltVault } from '../helpers/build-vault.js'

let v: BuiltVault | undefined
afterEach(async () => {
  await v?.cleanup()
  v = undefined
})

describe('tags', () => {
  it('collects front matter and inline tags, grouped case-insensitively with the first casing', async () => {
    v = await buildVault({ 'a.md': '---\ntags: [Roadmap]\n---\nx', 'b.md': 'y #roadmap' })
    const page = v.page('tags/roadmap.html')
    expect(textOf(select('h1', page))).toBe('#Roadmap')
    expect(selectAll('.listing-note a', page).map(textOf)).toEqual(['a', 'b'])
  })

  it('does not take #1984, URL fragments, code or comments as tags', async () => {
    v = await buildVault({ 'a.md': 'year #1984, page#frag [x](https://e.org/#frag) `#code` %%#hidden%% #real.' })
    const tags = [...v.sink.files.keys()].filter((f) => f.startsWith('tags/') && f !== 'tags/index.html')
    expect(tags).toEqual(['tags/real.html'])
  })

  it('makes a page for each nested tag prefix listing the notes below it and its child tags', async () => {
    v = await buildVault({ 'a.md': '#proj/alpha', 'b.md': '#proj/beta' })
    const page = v.page('tags/proj.html')
    expect(selectAll('.listing-note a', page).map(textOf)).toEqual(['a', 'b'])
    expect(selectAll('.listing-tag a.tag', page).map(textOf)).toEqual(['#proj/alpha', '#proj/beta'])
  })

  it('lists tagged notes newest first, then by title, with date and description', async () => {
    v = await buildVault({
      'old.md': '---\ntags: t\ndate: 2023-01-01\n---\nx',
      'new.md': '---\ntags: t\ndate: 2024-01-01\ndescription: Newest one\n---\nx',
      'b.md': '---\ntags: t\n---\nx',
      'a.md': '---\ntags: t\n---\nx',
    })
    const items = selectAll('.listing-note', v.page('tags/t.html'))
    expect(items.map((i) => textOf(select('a', i)))).toEqual(['new', 'old', 'a', 'b'])
    expect(textOf(select('.listing-description', items[0]))).toBe('Newest one')
  })

  it('writes an all-tags page with counts outside the links', async () => {
    v = await buildVault({ 'a.md': '#x #y', 'b.md': '#x' })
    const items = selectAll('.listing-tag', v.page('tags/index.html'))
    expect(items.map((i) => textOf(select('a', i)))).toEqual(['#x', '#y'])
    expect(items.map((i) => textOf(select('.count', i)))).toEqual(['(2)', '(1)'])
  })

  it('renders an inline tag as a link whose text is exactly #tag', async () => {
    v = await buildVault({ 'a.md': 'see #Topic/sub here' })
    const a = select('.page-content a.tag', v.page('a.html'))
    expect(textOf(a)).toBe('#Topic/sub')
    expect(a?.properties.href).toBe('tags/topic/sub.html')
  })

  it('lets tags/<tag>.md supply the tag page title and body', async () => {
    v = await buildVault({ 'tags/plugin.md': '---\ntitle: Plugins\n---\nAll about plugins.', 'a.md': '#plugin' })
    const page = v.page('tags/plugin.html')
    expect(textOf(select('h1', page))).toBe('Plugins')
    expect(textOf(select('.page-content', page))).toBe('All about plugins.')
    expect(selectAll('.listing-note a', page).map(textOf)).toEqual(['a'])
  })
})

describe('backlinks', () => {
  it('lists wikilink and Markdown-link sources, not code, comments or drafts', async () => {
    v = await buildVault({
      't.md': 'target',
      'wiki.md': '[[t]]',
      'md.md': '[x](t.md)',
      'code.md': '`[[t]]`\n\n```\n[[t]]\n```',
      'comment.md': '%%[[t]]%%',
      'draft.md': '---\ndraft: true\n---\n[[t]]',
    })
    expect(selectAll('.backlinks li a', v.page('t.html')).map(textOf)).toEqual(['md', 'wiki'])
    expect(selectAll('.backlinks li', v.page('wiki.html'))).toHaveLength(0)
  })
})

describe('folder pages and home', () => {
  it('gives every folder a page listing its subfolders and notes', async () => {
    v = await buildVault({ 'g/a.md': 'a', 'g/sub/b.md': 'b', 'index.md': 'home' })
    const page = v.page('g/index.html')
    expect(selectAll('.listing-folder a', page).map(textOf)).toEqual(['sub'])
    expect(selectAll('.listing-note a', page).map(textOf)).toEqual(['a'])
    expect(v.sink.files.has('g/sub/index.html')).toBe(true)
  })

  it('uses folder/index.md for the folder page title and body', async () => {
    v = await buildVault({ 'g/index.md': '---\ntitle: Guide\n---\nWelcome.', 'g/a.md': 'a' })
    const page = v.page('g/index.html')
    expect(textOf(select('h1', page))).toBe('Guide')
    expect(textOf(select('.page-content', page))).toBe('Welcome.')
    expect(selectAll('.listing-note a', page).map(textOf)).toEqual(['a'])
  })

  it('uses index.md as the home page', async () => {
    v = await buildVault({ 'index.md': '---\ntitle: Welcome\n---\nhi', 'a.md': 'a' })
    expect(textOf(select('h1', v.page('index.html')))).toBe('Welcome')
  })

  it('generates a home page listing folders and recent notes when there is no index.md', async () => {
    v = await buildVault({ 'f/a.md': '---\ndate: 2024-02-02\n---\na', 'b.md': 'b' })
    const page = v.page('index.html')
    expect(selectAll('.listing h2', page).map(textOf)).toEqual(['Recent notes', 'Folders', 'Notes'])
    expect(selectAll('.listing-folder a', page).map(textOf)).toEqual(['f'])
  })

  it('shows breadcrumbs from home through the folders', async () => {
    v = await buildVault({ 'a/b/n.md': 'x', 'a/index.md': '---\ntitle: Area A\n---\n' })
    const crumbs = selectAll('.breadcrumbs a', v.page('a/b/n.html'))
    expect(crumbs.map(textOf)).toEqual(['Home', 'Area A', 'b'])
    expect(crumbs.map((c) => c.properties.href)).toEqual(['../../index.html', '../index.html', 'index.html'])
  })
})

describe('URLs and attachments', () => {
  it('slugs paths: lowercase, spaces to -, Unicode letters kept, unsafe characters dropped', async () => {
    v = await buildVault({ 'Mon Dossier/Été 2024: plan?.md': 'x', '日本語.md': 'y' })
    expect(v.sink.files.has('mon-dossier/été-2024-plan.html')).toBe(true)
    expect(v.sink.files.has('日本語.html')).toBe(true)
  })

  it('gives colliding sources distinct deterministic paths and warns listing every source', async () => {
    v = await buildVault({ 'a b.md': '1', 'a-b.md': '2', 'A B.md': '3', 'n.md': '[[a b]] [[a-b]] [[A B]]' })
    const collision = v.diagnostics.find((d) => d.ruleId === 'slug-collision')
    expect(collision?.message).toContain('A B.md, a b.md, a-b.md')
    const hrefs = selectAll('.page-content a.internal-link', v.page('n.html')).map((a) => a.properties.href)
    expect(new Set(hrefs).size).toBe(3)
    expect(hrefs).toEqual(['a-b-2.html', 'a-b-3.html', 'a-b.html'])
  })

  it('copies only referenced attachments, byte-identical', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 255])
    v = await buildVault({ 'n.md': '![[pic.png]]', 'img/pic.png': png, 'img/unused.png': png })
    expect(Buffer.from(v.sink.files.get('img/pic.png') as Uint8Array).equals(Buffer.from(png))).toBe(true)
    expect(v.sink.files.has('img/unused.png')).toBe(false)
  })

  it('does not copy attachments referenced only by drafts', async () => {
    v = await buildVault({ 'd.md': '---\ndraft: true\n---\n![[pic.png]]', 'pic.png': 'x' })
    expect(v.sink.files.has('pic.png')).toBe(false)
  })

  it('ignores .obsidian, .trash, dot-folders, node_modules and configured globs', async () => {
    v = await buildVault({
      'a.md': 'a', '.obsidian/x.md': 'x', '.trash/t.md': 't', 'node_modules/m.md': 'm', 'templates/tpl.md': 't', 'private/p.md': 'p', 'drafts/d.md': 'd',
    }, { ignore: ['templates/**', 'private/**', 'drafts/**'] })
    const notePages = [...v.sink.files.keys()].filter((f) => f.endsWith('.html') && !f.startsWith('tags/') && !['404.html', 'graph.html', 'search.html'].includes(f))
    expect(notePages.sort()).toEqual(['a.html', 'index.html'])
  })

  it('uses the permalink as the page path and redirects from the file path', async () => {
    v = await buildVault({ 'notes/About Us.md': '---\npermalink: about\n---\nx', 'n.md': '[[About Us]]' })
    expect(v.sink.files.has('about.html')).toBe(true)
    expect(select('.page-content a', v.page('n.html'))?.properties.href).toBe('about.html')
    expect(v.html('notes/about-us.html')).toContain('url=../about.html')
  })

  it('leaves no dead internal href in the site', async () => {
    v = await buildVault({
      'index.md': '[[a]] [[missing]] #t ![[pic.png]]', 'a.md': '[[index]] [[sub/b#Head]]', 'sub/b.md': '## Head\n[[../a]]', 'pic.png': 'p',
    })
    expect(deadHrefs(v.sink)).toEqual([])
  })
})
