import { describe, it, expect, afterEach } from 'vitest'
import { buildVault, select, selectAll, textOf, type BuiltVault } from '../helpers/build-vault.js'

let v: BuiltVault | undefined
afterEach(async () => {
  await v?.cleanup()
  v = undefined
})

const body = [
  '<div class="box" style="color:red" onclick="x()">styled <u>under</u></div>',
  '',
  '<iframe src="https://example.org/embed"></iframe>',
  '',
  '<form action="https://evil.example"><input name="q"></form>',
  '',
  '> [!tip] Kept',
  '> callout [[b]] ==mark==',
].join('\n')

describe('sanitize: true (strict allow-list for multi-author sites)', () => {
  it('removes tags and attributes outside the allow-list', async () => {
    v = await buildVault({ 'a.md': body, 'b.md': 'b' }, { sanitize: true })
    const c = v.content('a.html')
    expect(selectAll('iframe, form', c)).toHaveLength(0)
    const div = select('div.box', c) ?? select('div', c)
    expect(div?.properties.style).toBeUndefined()
    expect(div?.properties.onClick ?? div?.properties.onclick).toBeUndefined()
    expect(textOf(c)).toContain('styled under')
  })

  it("keeps Grove's own markup: callouts, internal links, highlights", async () => {
    v = await buildVault({ 'a.md': body, 'b.md': 'b' }, { sanitize: true })
    const c = v.content('a.html')
    expect(select('.callout', c)?.properties.dataCallout).toBe('tip')
    expect(select('a.internal-link', c)?.properties.href).toBe('b.html')
    expect(select('mark', c)).toBeTruthy()
  })

  it('keeps raw HTML as Obsidian does without it, minus handlers', async () => {
    v = await buildVault({ 'a.md': body, 'b.md': 'b' })
    const c = v.content('a.html')
    expect(select('iframe', c)?.properties.src).toBe('https://example.org/embed')
    expect(select('div.box', c)?.properties.style).toBe('color:red')
    expect(select('div.box', c)?.properties.onClick).toBeUndefined()
  })
})
