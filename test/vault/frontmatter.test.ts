import { describe, it, expect, afterEach } from 'vitest'
import { normalizeFrontmatter } from '../../src/vault/frontmatter.js'
import { buildVault, select, selectAll, textOf, type BuiltVault } from '../helpers/build-vault.js'

const norm = (data: Record<string, unknown>) => {
  const warnings: string[] = []
  const meta = normalizeFrontmatter(data, (m, rule) => warnings.push(`${rule}: ${m}`))
  return { meta, warnings }
}

describe('normalizeFrontmatter', () => {
  it.each([
    [{ tags: ['a', 'b'] }, ['a', 'b']],
    [{ tags: 'a' }, ['a']],
    [{ tags: 'a, b' }, ['a', 'b']],
    [{ tags: ['#a', ' b '] }, ['a', 'b']],
    [{ tags: null }, []],
    [{ tags: ['x/y/'] }, ['x/y']],
  ])('reads tags %j as %j', (data, tags) => {
    expect(norm(data).meta.tags).toEqual(tags)
  })

  it('accepts the deprecated tag, alias and cssclass keys with a deprecation warning', () => {
    const { meta, warnings } = norm({ tag: 'old', alias: 'Other', cssclass: 'wide' })
    expect(meta).toMatchObject({ tags: ['old'], aliases: ['Other'], cssclasses: ['wide'] })
    expect(warnings.filter((w) => w.startsWith('deprecated-key'))).toHaveLength(3)
  })

  it('keeps dates exactly as written', () => {
    expect(norm({ date: '2023-10-05', lastmod: '2023-10-06T10:00:00+02:00' }).meta).toMatchObject({ date: '2023-10-05', updated: '2023-10-06T10:00:00+02:00' })
  })

  it('warns about a Templater placeholder date and drops it', () => {
    const { meta, warnings } = norm({ date: '<% tp.date.now() %>' })
    expect(meta.date).toBeUndefined()
    expect(warnings[0]).toContain('invalid-frontmatter')
  })

  it('unpublishes draft: true and publish: false, but not an empty draft:', () => {
    expect(norm({ draft: true }).meta.published).toBe(false)
    expect(norm({ publish: false }).meta.published).toBe(false)
    expect(norm({ draft: null })).toEqual({ meta: expect.objectContaining({ published: true }), warnings: [] })
  })

  it('reads aliases from a list or a single string', () => {
    expect(norm({ aliases: 'File formats' }).meta.aliases).toEqual(['File formats'])
    expect(norm({ aliases: ['A', 'B'] }).meta.aliases).toEqual(['A', 'B'])
  })

  it('reads description, permalink, cssclasses and image or cover', () => {
    expect(norm({ description: 'd', permalink: 'about', cssclasses: ['a', 'b'], cover: 'img/c.png' }).meta).toMatchObject({
      description: 'd', permalink: 'about', cssclasses: ['a', 'b'], image: 'img/c.png',
    })
  })
})

let v: BuiltVault | undefined
afterEach(async () => {
  await v?.cleanup()
  v = undefined
})

describe('front matter in a build', () => {
  it('uses the title property for the h1 and the file name without one', async () => {
    v = await buildVault({ 'a.md': '---\ntitle: Fancy\n---\nx', 'My Note.md': 'y' })
    expect(textOf(select('h1', v.page('a.html')))).toBe('Fancy')
    expect(textOf(select('h1', v.page('my-note.html')))).toBe('My Note')
  })

  it('reports invalid YAML at its line in the file and still builds the note without properties', async () => {
    v = await buildVault({ 'a.md': '---\ntitle: ok\nauthors:\n  - @name\n---\nbody text' })
    expect(v.diagnostics).toEqual([expect.objectContaining({ file: 'a.md', line: 4, column: 5, ruleId: 'invalid-frontmatter' })])
    expect(textOf(select('h1', v.page('a.html')))).toBe('a')
    expect(textOf(v.content('a.html'))).toBe('body text')
  })

  it('reads JSON front matter', async () => {
    v = await buildVault({ 'a.md': '---\n{"title": "From JSON", "tags": ["j"]}\n---\nx' })
    expect(textOf(select('h1', v.page('a.html')))).toBe('From JSON')
    expect(v.sink.files.has('tags/j.html')).toBe(true)
  })

  it('never renders front matter as content and keeps body positions true to the file', async () => {
    v = await buildVault({ 'a.md': '---\ntitle: T\ntags: [x]\n---\n\n[[missing]]' })
    expect(textOf(v.content('a.html'))).toBe('missing')
    expect(v.diagnostics[0]).toMatchObject({ line: 6, column: 1 })
  })

  it('shows dates as written and applies cssclasses to the content container', async () => {
    v = await buildVault({ 'a.md': '---\ndate: 2023-10-05\nupdated: 2023-11-01\ncssclasses: [wide, cards]\n---\nx' })
    const page = v.page('a.html')
    expect(selectAll('.page-dates time', page).map(textOf)).toEqual(['2023-10-05', '2023-11-01'])
    expect(select('article', page)?.properties.className).toEqual(expect.arrayContaining(['wide', 'cards']))
  })

  it('does not treat an unquoted tags: #a as a tag (it is a YAML comment)', async () => {
    v = await buildVault({ 'a.md': '---\ntags: #a\n---\nx' })
    expect(v.sink.files.has('tags/a.html')).toBe(false)
  })

  it('positions a property warning at the property line', async () => {
    v = await buildVault({ 'a.md': '---\ntitle: t\ndraft: maybe\n---\nx' })
    expect(v.diagnostics).toEqual([expect.objectContaining({ line: 3, ruleId: 'invalid-frontmatter' })])
  })
})
