/**
 * Hostile and broken vaults: nothing crashes, nothing leaks, nothing is read or written outside
 * the vault and the output, and every problem is a positioned warning.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { mkdtemp, rm, symlink, mkdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { build, type BuildResult } from '../../src/build.js'
import { DEFAULT_CONFIG } from '../../src/config.js'
import { MemorySink } from '../../src/output/sink.js'
import { writeVault, deadHrefs, textOf } from '../helpers/build-vault.js'
import { fromHtml } from 'hast-util-from-html'
import { select, selectAll } from 'hast-util-select'
import { hostileFiles } from './hostile-vault.js'

let vault: string
let outside: string
let result: BuildResult
let sink: MemorySink
let ms = 0

beforeAll(async () => {
  vault = await writeVault(hostileFiles)
  outside = await mkdtemp(path.join(tmpdir(), 'grove-outside-'))
  await writeFile(path.join(outside, 'secret.md'), 'OUTSIDE SECRET')
  await symlink(outside, path.join(vault, 'linked-out'))
  await mkdir(path.join(vault, 'loop'))
  await symlink('..', path.join(vault, 'loop', 'again'))
  sink = new MemorySink()
  const t0 = performance.now()
  result = await build({ vaultDir: vault, config: DEFAULT_CONFIG, sink })
  ms = performance.now() - t0
}, 300_000)

afterAll(async () => {
  await rm(vault, { recursive: true, force: true })
  await rm(outside, { recursive: true, force: true })
})

const diag = (file: string, rule?: string) => result.diagnostics.filter((d) => d.file === file && (!rule || d.ruleId === rule))
const html = (file: string) => sink.text(file) ?? ''
const allText = () => [...sink.files.entries()].filter(([f]) => /\.(html|xml|json|txt)$/.test(f)).map(([, v]) => (typeof v === 'string' ? v : Buffer.from(v).toString('utf8'))).join('\n')

describe('hostile vault', () => {
  it('builds in bounded time', () => {
    expect(ms).toBeLessThan(120_000)
    expect(result.published).toBeGreaterThan(30)
  })

  describe('front matter', () => {
    it.each(['fm/invalid-yaml.md', 'fm/list-yaml.md', 'fm/scalar-yaml.md', 'fm/title-list.md', 'fm/tags-number.md', 'fm/handlebars-date.md', 'fm/templater-date.md', 'fm/unclosed.md'])('%s gets a positioned warning and still builds', (file) => {
      const d = diag(file, 'invalid-frontmatter')
      expect(d.length).toBeGreaterThan(0)
      expect(d[0].line).toBeGreaterThan(0)
      expect(result.site.index.notes.get(file as never)).toBeDefined()
    })

    it('falls back to the file name for a title that is not text', () => {
      expect(textOf(select('h1', fromHtml(html('fm/title-list.html'))))).toBe('title-list')
    })

    it('treats draft: "yes" as a draft and never publishes its text', () => {
      expect(sink.files.has('fm/draft-yes.html')).toBe(false)
      expect(allText()).not.toContain('secret draft text')
    })

    it('reads front matter behind a BOM and with CRLF line endings', () => {
      expect(textOf(select('h1', fromHtml(html('fm/bom.html'))))).toBe('With BOM')
      expect(textOf(select('h1', fromHtml(html('fm/crlf.html'))))).toBe('CRLF note')
      expect(sink.files.has('tags/crlf.html')).toBe(true)
      expect(select('.page-content a.internal-link', fromHtml(html('fm/crlf.html')))?.properties.href).toBe('bom.html')
    })
  })

  describe('content', () => {
    it('publishes a 1 MB single line', () => {
      expect(html('content/long-line.html').length).toBeGreaterThan(1024 * 1024)
    })

    it('survives quotes nested 10,000 deep and lists nested 2,000 deep', () => {
      expect(html('content/deep-quote.html')).toContain('deep')
      expect(html('content/deep-list.html')).toContain('item')
    })

    it('handles 100,000 links in one note', () => {
      expect(selectAll('.page-content .internal-link', fromHtml(html('content/many-links.html'))).length).toBe(100_000)
    })

    it('warns about invalid UTF-8 and NUL bytes and still publishes the text', () => {
      expect(diag('content/invalid-utf8.md', 'unreadable-file')).toHaveLength(1)
      expect(html('content/invalid-utf8.html')).toContain('a\uFFFD\uFFFDb')
      expect(html('content/nul.html')).toContain('before\uFFFDafter')
    })

    it('publishes an empty note and skips a binary file named .md with a warning', () => {
      expect(sink.files.has('content/empty.html')).toBe(true)
      expect(sink.files.has('content/binary.html')).toBe(false)
      expect(diag('content/binary.md', 'unreadable-file')[0].message).toContain('binary')
    })
  })

  describe('embeds', () => {
    it('stops self-embeds and A↔B cycles with a notice and a positioned warning', () => {
      expect(html('embed/self.html')).toContain('Embed cycle')
      expect(diag('embed/self.md', 'embed-cycle')[0]).toMatchObject({ line: 1, column: 1 })
      expect(html('embed/a.html')).toContain('Embed cycle')
      expect(diag('embed/b.md', 'embed-cycle').length + diag('embed/a.md', 'embed-cycle').length).toBeGreaterThan(0)
    })

    it('publishes a note over the size limit as plain text and links to it from embeds instead of copying it', () => {
      expect(diag('embed/huge.md', 'content-limit')).toHaveLength(1)
      expect(html('embed/huge.html').length).toBeGreaterThan(8 * 1024 * 1024)
      expect(html('embed/embeds-huge.html')).toContain('Too large to embed')
      expect(html('embed/embeds-huge.html').length).toBeLessThan(100_000)
      expect(diag('embed/embeds-huge.md', 'content-limit')[0]).toMatchObject({ line: 1, column: 1 })
    })

    it('renders an embed of a draft as unresolved, without its text', () => {
      expect(html('embed/draft-embed.html')).toContain('is-unresolved')
      expect(html('embed/draft-embed.html')).not.toContain('secret draft text')
    })
  })

  describe('paths', () => {
    it('never reads or copies anything outside the vault', () => {
      const text = allText()
      expect(text).not.toContain('OUTSIDE SECRET')
      expect(text).not.toMatch(/root:x:0:0/)
      for (const f of sink.files.keys()) expect(f.includes('..') || f.startsWith('/')).toBe(false)
    })

    it('warns about every link that climbs out of the vault or uses file:', () => {
      const unsafe = diag('paths/traversal.md', 'unsafe-path')
      expect(unsafe.length).toBeGreaterThanOrEqual(5)
      expect(unsafe.map((d) => d.message).join('\n')).toContain('file:///etc/passwd')
      const links = selectAll('.page-content a', fromHtml(html('paths/traversal.html'))).map((a) => String(a.properties.href))
      expect(links.filter((h) => h.startsWith('file:') || h.includes('..'))).toEqual([])
    })

    it('keeps a permalink with .. inside the site and warns', () => {
      expect(diag('paths/permalink.md', 'unsafe-path')).toHaveLength(1)
      expect([...sink.files.keys()].some((f) => f.endsWith('passwd.html'))).toBe(true)
    })

    it('skips a symlink to a folder outside the vault with a warning, and survives a symlink loop', () => {
      expect([...sink.files.keys()].some((f) => f.startsWith('linked-out'))).toBe(false)
      expect(result.diagnostics.some((d) => d.ruleId === 'unsafe-path' && d.message.includes('linked-out'))).toBe(true)
    })
  })

  describe('names', () => {
    it('gives case and slug collisions distinct pages and lists every source in one warning', () => {
      const c = result.diagnostics.filter((d) => d.ruleId === 'slug-collision').map((d) => d.message)
      expect(c.some((m) => m.includes('names/Case.md') && m.includes('names/case.md'))).toBe(true)
      expect(c.some((m) => m.includes('names/a b.md') && m.includes('names/a-b.md'))).toBe(true)
      expect(c.some((m) => m.includes('caf'))).toBe(true)
    })

    it('publishes every strangely named note with a working link', () => {
      for (const name of ['C# notes', 'what?', '100%', 'time: 10:30', 'say "hi"', 'a <b>', '🌲 tree', 'ideo\u3000space']) {
        const entry = result.site.index.notes.get(`names/${name}.md` as never)
        expect(entry, name).toBeDefined()
        expect(sink.files.has(entry!.output), name).toBe(true)
      }
      const hrefs = selectAll('.page-content a.internal-link', fromHtml(html('names/links.html'))).map((a) => a.properties.href)
      expect(hrefs).toHaveLength(6)
      expect(new Set(hrefs.slice(0, 4)).size).toBe(4)
    })

    it('keeps notes and attachments from overwriting generated pages and one another', () => {
      expect(sink.text('404.html')).toContain('Page not found')
      expect(sink.files.has('404-2.html')).toBe(true)
      expect(sink.text('tags/index.html')).toContain('All tags')
      expect(sink.files.has('tags/index-tag.html')).toBe(true)
      expect(sink.files.has('_grove-notes/g.html')).toBe(true)
      expect(sink.text('gen/folder/index.html')).toContain('upper folder'.slice(0, 0))
      expect(sink.files.has('gen/folder/x.html') && sink.files.has('gen/folder/y.html')).toBe(true)
      expect(sink.text('gen/clash.html')).toContain('page-title')
      expect(sink.text('gen/clash-2.html')).toContain('an html attachment')
    })

    it('leaves no dead internal href anywhere in the hostile site', () => {
      expect(deadHrefs(sink)).toEqual([])
    })
  })

  describe('injection', () => {
    it('escapes payloads from titles, aliases, tags, descriptions, headings, aliases and alt text on every page', () => {
      for (const [file, data] of sink.files) {
        if (!file.endsWith('.html')) continue
        const tree = fromHtml(typeof data === 'string' ? data : Buffer.from(data).toString('utf8'))
        for (const el of selectAll('script', tree)) expect(textOf(el), file).not.toContain('__pwned')
        for (const el of selectAll('*', tree)) {
          for (const [k, v] of Object.entries(el.properties)) {
            expect(k.toLowerCase().startsWith('on'), `${file}: <${el.tagName} ${k}>`).toBe(false)
            if (/^(href|src|action|formAction)$/.test(k)) expect(String(v), file).not.toMatch(/^\s*javascript:/i)
          }
        }
      }
      expect(textOf(select('h1', fromHtml(html('inject/meta.html'))))).toContain('<script>window.__pwned=1</script>')
    })

    it('keeps payloads inert in JSON data and feeds', () => {
      for (const [file, data] of sink.files) if (file.endsWith('.json')) expect(() => JSON.parse(String(data)), file).not.toThrow()
    })

    it('keeps raw HTML but removes scripts, event handlers and javascript: URLs', () => {
      const page = fromHtml(html('inject/body.html'))
      const content = select('.page-content', page)
      expect(textOf(content)).toContain('kept div')
      expect(selectAll('script', content as never)).toHaveLength(0)
      for (const el of selectAll('*', content as never)) {
        for (const [k, v] of Object.entries(el.properties)) {
          expect(k.toLowerCase().startsWith('on'), `${el.tagName} ${k}`).toBe(false)
          expect(String(v)).not.toMatch(/^\s*javascript:/i)
        }
      }
    })
  })
})
