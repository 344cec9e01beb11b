/**
 * The default vault (content/) as a published site in a real browser: search, graph, previews,
 * navigation and accessibility on the real documentation, served under a sub-path.
 */
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { describeBrowser, launchBrowser, serveDir, buildSite, watchPage, seriousViolations, type Served, type PageWatch, searchFor } from '../helpers/browser.js'

const SHOTS = '/tmp/grove-shots'

describeBrowser('the published site (content/)', () => {
  let browser: Browser
  let served: Served
  let context: BrowserContext
  const watches: Array<{ url: string; watch: PageWatch }> = []

  beforeAll(async () => {
    const out = await buildSite(path.resolve('content'), { baseUrl: 'https://example.org/grove' })
    served = await serveDir(out, '/grove/')
    browser = await launchBrowser()
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' })
    mkdirSync(SHOTS, { recursive: true })
  })
  afterAll(async () => {
    await context?.close()
    await browser?.close()
    await served?.close()
  })

  async function open(url: string, ctx = context): Promise<Page> {
    const page = await ctx.newPage()
    watches.push({ url, watch: watchPage(page) })
    await page.goto(served.url + url, { waitUntil: 'load' })
    return page
  }

  it('finds a word from a note body and Enter opens the note at the heading', async () => {
    const page = await open('index.html')
    await page.keyboard.press('/')
    await page.locator('#grove-search-input').fill('rsync')
    await expect.poll(() => page.locator('.search-result-title').first().textContent(), { timeout: 10_000 }).toContain('Deploying')
    await Promise.all([page.waitForURL(/publishing\/deploy\.html/), page.locator('#grove-search-input').press('Enter')])
    expect(await page.locator('h1').textContent()).toBe('Deploying')
    await page.close()
  })

  it('shows the local graph of a note and navigates from it', async () => {
    const page = await open('publishing/deploy.html')
    await page.locator('.graph-view').scrollIntoViewIfNeeded()
    await page.waitForFunction(() => (document.querySelector('.graph-view') as unknown as { graphNodes?: unknown[] })?.graphNodes?.length)
    const nodes = await page.evaluate(() => (document.querySelector('.graph-view') as unknown as { graphNodes: Array<{ title: string; x: number; y: number; current: boolean }> }).graphNodes)
    expect(nodes.find((n) => n.current)?.title).toBe('Deploying')
    expect(nodes.map((n) => n.title)).toEqual(expect.arrayContaining(['Feeds and metadata', 'Publishing']))
    const target = nodes.find((n) => n.title === 'Feeds and metadata') as { x: number; y: number }
    const box = await page.locator('.graph-view canvas').boundingBox()
    if (!box) throw new Error('no canvas')
    await Promise.all([page.waitForURL(/feeds-and-metadata\.html/), page.mouse.click(box.x + target.x, box.y + target.y)])
    await page.close()
  })

  it('takes screenshots of the global graph', async () => {
    const page = await open('graph.html')
    await page.waitForFunction(() => (document.querySelector('.graph-view') as unknown as { graphNodes?: unknown[] })?.graphNodes?.length)
    await page.screenshot({ path: `${SHOTS}/content-global-graph.png` })
    await page.locator('.graph-controls input').check()
    await page.screenshot({ path: `${SHOTS}/content-global-graph-tags.png` })
    await page.close()
  })

  it('previews a linked note on hover', async () => {
    const page = await open('guide/links.html')
    await page.locator('.page-content a.internal-link[href="configuration.html"]').first().hover()
    await page.locator('.preview').waitFor({ timeout: 5000 })
    expect(await page.locator('.preview .preview-title').textContent()).toBe('Configuration')
    await page.close()
  })

  it('has correct explorer, breadcrumbs and table of contents', async () => {
    const page = await open('guide/links.html')
    await page.waitForFunction(() => document.querySelector('nav.explorer')?.classList.contains('is-loaded'))
    expect(await page.locator('nav.explorer a[aria-current="page"]').textContent()).toBe('Links')
    expect(await page.locator('nav.explorer details[open] > summary').allTextContents()).toEqual(['Guide'])
    expect(await page.locator('nav.explorer > ul > li > details > summary').allTextContents()).toEqual(['Getting started', 'Guide', 'Publishing', 'Reference', 'Syntax'])
    expect(await page.locator('nav.breadcrumbs a').allTextContents()).toEqual(['Home', 'Guide'])
    const toc = await page.locator('nav.toc a').allTextContents()
    const headings = await page.locator('.page-content :is(h2, h3, h4)').allTextContents()
    expect(toc).toEqual(headings)
    await page.screenshot({ path: `${SHOTS}/content-note-light-desktop.png` })
    await page.locator('.theme-toggle').click()
    await page.screenshot({ path: `${SHOTS}/content-note-dark-desktop.png` })
    await page.close()
  })

  it('works on a phone', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, colorScheme: 'dark' })
    const page = await open('publishing/search-and-graph.html', ctx)
    expect(await page.locator('.drawer-toggle').isVisible()).toBe(true)
    expect(await page.locator('nav.explorer').isVisible()).toBe(false)
    await page.screenshot({ path: `${SHOTS}/content-note-dark-mobile.png` })
    await page.locator('.drawer-toggle').click()
    await expect.poll(() => page.locator('nav.explorer').isVisible()).toBe(true)
    await page.waitForTimeout(300)
    await page.screenshot({ path: `${SHOTS}/content-drawer-dark-mobile.png` })
    await ctx.close()
  })

  for (const [name, url] of [['home', 'index.html'], ['note', 'syntax/callouts.html'], ['folder', 'guide/index.html'], ['tag', 'tags/publishing.html'], ['tag index', 'tags/index.html'], ['graph', 'graph.html']]) {
    it(`has no serious accessibility violations on the ${name} page`, async () => {
      const page = await open(url)
      expect(await seriousViolations(page)).toEqual([])
      await page.locator('.theme-toggle').click()
      expect(await seriousViolations(page)).toEqual([])
      await page.close()
    })
  }

  it('has no serious accessibility violations with search results showing', async () => {
    const page = await open('guide/index.html')
    await searchFor(page, 'Control+k', 'callout')
    expect(await seriousViolations(page)).toEqual([])
    await page.close()
  })

  it('shows a whole note with JavaScript disabled, callouts folding', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false })
    const page = await open('syntax/callouts.html', ctx)
    const folded = page.locator('details.callout[data-callout-fold="-"]').first()
    expect(await folded.count()).toBe(1)
    expect(await folded.locator('> .callout-content').isVisible()).toBe(false)
    await folded.locator('> summary').click()
    expect(await folded.locator('> .callout-content').isVisible()).toBe(true)
    expect((await page.locator('.page-content').textContent())?.length).toBeGreaterThan(500)
    await ctx.close()
  })

  it('had no console errors or failed requests on any page', () => {
    expect(watches.filter((w) => w.watch.problems.length).map((w) => `${w.url}: ${w.watch.problems.join(' | ')}`)).toEqual([])
  })
})
