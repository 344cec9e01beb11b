import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rm } from 'node:fs/promises'
import path from 'node:path'
import { fromHtml } from 'hast-util-from-html'
import { select, selectAll, textOf } from '../helpers/build-vault.js'
import { FIXTURE, startHarness, get, events, type Harness } from './harness.js'
import { stripLiveReload, LIVE_ATTR } from '../../src/serve/client.js'
import { build } from '../../src/build.js'
import { loadConfig } from '../../src/config.js'
import { MemorySink } from '../../src/output/sink.js'

const touches = (file: string) => (e: { changed: string[]; removed: string[] }) => e.changed.includes(file) || e.removed.includes(file)
const backlinks = (html: string) => selectAll('.backlinks a', fromHtml(html)).map((a) => textOf(a))
const unresolved = (html: string) => selectAll('.is-unresolved', fromHtml(html)).map((a) => textOf(a))
const linkTo = (html: string, text: string) => selectAll('.page-content a.internal-link', fromHtml(html)).find((a) => textOf(a) === text)?.properties.href

describe('the preview server', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness(FIXTURE)
  })
  afterAll(() => h?.close())

  describe('serving', () => {
    it('listens on loopback at the port it reports', () => {
      expect(h.server.host).toBe('127.0.0.1')
      expect(h.server.url).toBe(`http://127.0.0.1:${h.port}/`)
    })

    it('serves / as index.html with exactly one injected live-reload script', async () => {
      const r = await h.get('/')
      expect(r.status).toBe(200)
      expect(r.type).toBe('text/html; charset=utf-8')
      expect(r.body.split(LIVE_ATTR).length - 1).toBe(1)
      expect(r.body).toContain('Welcome.')
    })

    it('serves pages byte-equal to a clean build apart from the injected script', async () => {
      const sink = new MemorySink()
      await build({ vaultDir: h.dir, config: await loadConfig(h.dir), sink })
      for (const file of ['index.html', 'notes/alpha.html', 'tags/topic.html', '404.html']) {
        const served = file === '404.html' ? await h.get('/no-such-page') : await h.get(`/${file}`)
        expect(stripLiveReload(served.body)).toBe(sink.text(file))
      }
    })

    it('maps /a/b, /a/b.html and /folder/ to site files', async () => {
      expect(await h.html('/notes/alpha')).toBe(await h.html('/notes/alpha.html'))
      expect(await h.html('/notes/')).toContain('Alpha')
      expect((await h.get('/tags/topic')).status).toBe(200)
    })

    it('redirects /folder to /folder/ so relative links keep working', async () => {
      const r = await h.get('/notes?x=1')
      expect(r.status).toBe(302)
      expect(r.headers.location).toBe('/notes/?x=1')
    })

    it('sends the right Content-Type per extension and never caches', async () => {
      const css = await h.get('/_grove/grove.css')
      expect(css.status).toBe(200)
      expect(css.type).toBe('text/css; charset=utf-8')
      expect(css.headers['cache-control']).toBe('no-store')
      expect((await h.get('/_grove/grove.js')).type).toBe('text/javascript; charset=utf-8')
      expect((await h.get('/_grove/favicon.svg')).type).toBe('image/svg+xml')
      expect(css.body).not.toContain(LIVE_ATTR)
    })

    it('answers byte ranges for media', async () => {
      const whole = await h.get('/_grove/favicon.svg')
      const part = await get(h.port, '/_grove/favicon.svg', { range: 'bytes=0-9' })
      expect(part.status).toBe(206)
      expect(part.headers['content-range']).toBe(`bytes 0-9/${whole.bytes.length}`)
      expect(part.bytes.equals(whole.bytes.subarray(0, 10))).toBe(true)
      expect((await get(h.port, '/_grove/favicon.svg', { range: `bytes=${whole.bytes.length}-` })).status).toBe(416)
    })

    it('answers unknown paths with the built 404 page and status 404', async () => {
      const r = await h.get('/nowhere/at/all')
      expect(r.status).toBe(404)
      expect(r.type).toBe('text/html; charset=utf-8')
      expect(r.body).toContain('Page not found')
    })

    it('never serves vault files, folders as listings, or anything through ..', async () => {
      for (const target of ['/notes/alpha.md', '/index.md', '/notes/']) {
        const r = await h.get(target)
        expect(r.body).not.toContain('title: Alpha')
      }
      const bad = ['/../package.json', '/%2e%2e/x', '/..%2f..%2fetc/passwd', '/%2e%2e%2f%2e%2e%2fpackage.json', '/notes/..%5c..%5cpackage.json', '/a%00b', '/.%2e/index.html', '/%zz']
      for (const target of bad) {
        const r = await h.get(target)
        expect([400, 404], target).toContain(r.status)
        expect(r.body, target).not.toContain('"name": "grove"')
        expect(r.body, target).not.toContain('root:')
      }
      expect((await h.get('/../package.json')).status).toBe(400)
    })

    it('rejects other methods and foreign Host headers', async () => {
      const r = await get(h.port, '/', { host: 'evil.example:80' })
      expect(r.status).toBe(403)
      expect((await get(h.port, '/', { host: `localhost:${h.port}` })).status).toBe(200)
    })

    it('sends the current state on connect and tells pages of another server process to reload', async () => {
      const s = await events(h.port, '?since=0&id=not-this-server&f=index.html')
      expect(s.events[0].reload).toBe(true)
      s.close()
    })
  })

  describe('live updates', () => {
    it('names an edited note and the notes embedding it, and serves the new text', async () => {
      h.sse.mark()
      await h.write('notes/beta.md', '# Beta heading\n\nBeta body REWRITTEN. #topic\n')
      const e = await h.sse.next(touches('notes/beta.html'))
      expect(e.changed).toContain('notes/alpha.html') // embeds beta
      expect(await h.html('/notes/beta')).toContain('REWRITTEN')
      expect(textOf(select('.markdown-embed', fromHtml(await h.html('/notes/alpha'))))).toContain('REWRITTEN')
    })

    it('updates backlinks, tag and folder listings of other pages when a title changes', async () => {
      h.sse.mark()
      await h.write('notes/alpha.md', '---\ntitle: Alpha Prime\ntags: [topic]\n---\nAlpha body links to [[beta]].\n\n![[beta]]\n')
      const e = await h.sse.next(touches('notes/beta.html'))
      expect(e.changed).toEqual(expect.arrayContaining(['notes/alpha.html', 'tags/topic.html', 'notes/index.html']))
      expect(backlinks(await h.html('/notes/beta'))).toContain('Alpha Prime')
      expect(await h.html('/tags/topic')).toContain('Alpha Prime')
      expect(await h.html('/notes/')).toContain('Alpha Prime')
    })

    it('turns [[Missing]] into a working link when Missing.md is created', async () => {
      expect(unresolved(await h.html('/'))).toContain('Missing')
      h.sse.mark()
      await h.write('Missing.md', 'Now I exist.\n')
      const e = await h.sse.next(touches('index.html'))
      expect(e.changed).toContain('missing.html')
      const home = await h.html('/')
      expect(unresolved(home)).not.toContain('Missing')
      const href = String(linkTo(home, 'Missing'))
      expect(await h.html('/' + href)).toContain('Now I exist.')
    })

    it('404s a deleted note and unresolves the links to it', async () => {
      h.sse.mark()
      await h.remove('Missing.md')
      const e = await h.sse.next(touches('missing.html'))
      expect(e.removed).toContain('missing.html')
      expect((await h.get('/missing.html')).status).toBe(404)
      expect(unresolved(await h.html('/'))).toContain('Missing')
    })

    it('moves a renamed note to its new page and re-points the links to it', async () => {
      h.sse.mark()
      await h.move('notes/gamma.md', 'notes/delta.md')
      const e = await h.sse.next((ev) => ev.removed.includes('notes/gamma.html') && ev.changed.includes('notes/delta.html'))
      expect(e.changed).toContain('notes/alpha.html') // its backlink moved
      expect((await h.get('/notes/gamma.html')).status).toBe(404)
      expect(await h.html('/notes/delta')).toContain('Gamma links to')
      const back = selectAll('.backlinks a', fromHtml(await h.html('/notes/alpha'))).map((a) => String(a.properties.href))
      expect(back).toContain('delta.html')
      expect(back).not.toContain('gamma.html')
    })

    it('shows invalid YAML as a positioned overlay and in the terminal, and clears it when fixed', async () => {
      const good = '---\ntitle: Alpha Prime\ntags: [topic]\n---\nAlpha body links to [[beta]].\n\n![[beta]]\n'
      h.sse.mark()
      h.log.length = 0
      await h.write('notes/alpha.md', '---\ntitle: [unclosed\ntags: [topic]\n---\nAlpha body.\n')
      const bad = await h.sse.next((ev) => ev.overlay.length > 0)
      expect(bad.overlay[0]).toMatchObject({ file: 'notes/alpha.md', ruleId: 'invalid-frontmatter', page: 'notes/alpha.html' })
      expect(bad.overlay[0].line).toBeGreaterThan(1)
      expect(h.log.join('\n')).toMatch(/notes\/alpha\.md:\d+:\d+ {2}warning {2}invalid YAML front matter.* {2}invalid-frontmatter/)
      await h.write('notes/alpha.md', good)
      const fixed = await h.sse.next((ev) => ev.overlay.length === 0)
      expect(fixed.changed).toContain('notes/alpha.html')
      expect(await h.html('/notes/alpha')).toContain('Alpha Prime')
    })

    it('survives a half-written note and a folder deleted outright', async () => {
      h.sse.mark()
      await h.write('notes/half.md', '---\ntitle: Half')
      await h.sse.next(touches('notes/half.html'))
      await h.write('notes/half.md', '---\ntitle: Half\n---\nDone.\n')
      await h.sse.next((ev) => ev.changed.includes('notes/half.html') && ev.overlay.length === 0)
      expect(await h.html('/notes/half')).toContain('Done.')
      await h.write('old/one.md', 'one [[Alpha]]')
      await h.write('old/two.md', 'two')
      await h.sse.next(touches('old/two.html'))
      await rm(path.join(h.dir, 'old'), { recursive: true })
      const e = await h.sse.next((ev) => ev.removed.includes('old/one.html') && ev.removed.includes('old/two.html'), 5000).catch(async () => {
        await h.server.settled()
        return null
      })
      expect(e === null || e.removed.includes('old/index.html')).toBe(true)
      expect((await h.get('/old/one')).status).toBe(404)
      expect((await h.get('/')).status).toBe(200)
    })

    it('reports a rename onto a colliding slug in the overlay and recovers', async () => {
      h.sse.mark()
      await h.write('notes/Beta.md', 'a second beta') // notes/beta.md and notes/Beta.md share the slug notes/beta
      const e = await h.sse.next((ev) => ev.overlay.some((o) => o.ruleId === 'slug-collision'))
      expect(e.overlay.find((o) => o.ruleId === 'slug-collision')?.message).toContain('notes/Beta.md')
      expect((await h.get('/notes/beta')).status).toBe(200)
      await h.remove('notes/Beta.md')
      await h.sse.next((ev) => !ev.overlay.some((o) => o.ruleId === 'slug-collision'))
      expect(await h.html('/notes/beta')).toContain('REWRITTEN')
    })

    it('coalesces a burst of 50 writes into a few updates that end in the final state', async () => {
      await h.server.settled()
      h.sse.mark()
      const before = h.sse.events.length
      for (let i = 0; i < 50; i++) await h.write(`burst/n${i % 10}.md`, `burst note version ${i}\n`)
      await h.server.settled(200)
      const updates = h.sse.events.length - before
      expect(updates).toBeGreaterThan(0)
      expect(updates).toBeLessThanOrEqual(6)
      for (let k = 0; k < 10; k++) expect(await h.html(`/burst/n${k}`)).toContain(`burst note version ${40 + k}`)
    })

    it('rebuilds with the reloaded config, and keeps the old site while the config is invalid', async () => {
      h.sse.mark()
      await h.write('grove.config.yaml', 'title: Renamed Site\n')
      await h.sse.next(touches('index.html'))
      expect(await h.html('/')).toContain('Renamed Site')
      h.sse.mark()
      await h.write('grove.config.yaml', 'title: [broken\n')
      const bad = await h.sse.next((ev) => ev.overlay.some((o) => o.ruleId === 'invalid-config'))
      expect(bad.overlay.find((o) => o.ruleId === 'invalid-config')).toMatchObject({ file: 'grove.config.yaml', severity: 'error' })
      expect(await h.html('/')).toContain('Renamed Site')
      expect(h.log.join('\n')).toMatch(/grove\.config\.yaml:\d+:\d+ {2}error {2}invalid YAML/)
      await h.write('grove.config.yaml', 'title: Fixed Site\n')
      const ok = await h.sse.next((ev) => !ev.overlay.some((o) => o.ruleId === 'invalid-config'))
      expect(ok.changed).toContain('index.html')
      expect(await h.html('/')).toContain('Fixed Site')
    })
  })

  it('ends event streams and frees the port on close', async () => {
    const other = await startHarness({ 'index.md': 'hi' })
    await other.server.close()
    await other.sse.ended
    await other.close()
    await expect(get(other.port, '/')).rejects.toThrow()
  })
})

describe('the preview server with --config outside the vault', () => {
  it('watches that file and rebuilds with it', async () => {
    const { mkdtemp, writeFile } = await import('node:fs/promises')
    const { tmpdir } = await import('node:os')
    const cfgDir = await mkdtemp(path.join(tmpdir(), 'grove-cfg-'))
    const cfg = path.join(cfgDir, 'site.yaml')
    await writeFile(cfg, 'title: Outside One\n')
    const h = await startHarness({ 'index.md': 'hi' }, { configPath: cfg })
    try {
      expect(await h.html('/')).toContain('Outside One')
      h.sse.mark()
      await writeFile(cfg, 'title: Outside Two\n')
      await h.sse.next(touches('index.html'))
      expect(await h.html('/')).toContain('Outside Two')
    } finally {
      await h.close()
      await rm(cfgDir, { recursive: true, force: true })
    }
  })
})

describe('the preview server watching a theme folder', () => {
  it('rebuilds the whole site when a theme file changes', async () => {
    const { mkdtemp, writeFile } = await import('node:fs/promises')
    const { tmpdir } = await import('node:os')
    const themeDir = await mkdtemp(path.join(tmpdir(), 'grove-theme-'))
    const full: boolean[] = []
    const h = await startHarness({ 'index.md': 'hi' }, { themeDir, onUpdate: (o) => full.push(o.full) })
    try {
      await writeFile(path.join(themeDir, 'extra.css'), 'body{}')
      await h.sse.next()
      expect(full.at(-1)).toBe(true)
    } finally {
      await h.close()
      await rm(themeDir, { recursive: true, force: true })
    }
  })
})
