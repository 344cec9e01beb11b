/**
 * The published site in a real browser, on the site-features fixture vault served under a
 * sub-path: search (also CJK), local graph, link previews, theme toggle, navigation, mobile
 * drawer, accessibility, no-JS rendering, and no console errors or failed requests.
 */
import { mkdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { describeBrowser, launchBrowser, serveDir, buildSite, watchPage, seriousViolations, type Served, type PageWatch, searchFor } from '../helpers/browser.js'
import { searchShardOf } from '../../src/emit/search-shards.js'

const VAULT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/vaults/site-features')
const SHOTS = '/tmp/grove-shots'

describeBrowser('the published site (fixture vault)', () => {
  let browser: Browser
  let served: Served
  let context: BrowserContext
  const watches: Array<{ url: string; watch: PageWatch }> = []

  let out: string
  beforeAll(async () => {
    // Two pages per search shard, so the fixture's six pages are split over three indexes and
    // every search test below also runs across merged shards.
    const shardPages = process.env.GROVE_SEARCH_SHARD_PAGES
    process.env.GROVE_SEARCH_SHARD_PAGES = '2'
    try {
      out = await buildSite(VAULT, { title: 'Fixture', baseUrl: 'https://example.org/docs' })
    } finally {
      if (shardPages === undefined) delete process.env.GROVE_SEARCH_SHARD_PAGES
      else process.env.GROVE_SEARCH_SHARD_PAGES = shardPages
    }
    served = await serveDir(out, '/docs/')
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
    const watch = watchPage(page)
    watches.push({ url, watch })
    await page.goto(served.url + url, { waitUntil: 'load' })
    return page
  }

  it('finds a word from a note body and Enter opens the note', async () => {
    const page = await open('index.html')
    await page.keyboard.press('/')
    const input = page.locator('#grove-search-input')
    await input.fill('xylophone')
    const first = page.locator('.search-result').first()
    await expect.poll(() => first.textContent(), { timeout: 10_000 }).toContain('Alpha')
    expect(await page.locator('.search-result mark').first().textContent()).toMatch(/xylophone/i)
    expect(await first.locator('.search-result-crumbs').textContent()).toContain('notes')
    await Promise.all([page.waitForURL(/notes\/alpha\.html/), input.press('Enter')])
    expect(await page.locator('h1').textContent()).toBe('Alpha')
    await page.close()
  })

  it('jumps to the matching heading, moves with the arrow keys, and opens with Ctrl-K', async () => {
    const page = await open('notes/gamma.html')
    await page.keyboard.press('Control+k')
    const input = page.locator('#grove-search-input')
    await input.fill('marzipan')
    await expect.poll(() => page.locator('.search-result').count(), { timeout: 10_000 }).toBeGreaterThan(0)
    await expect.poll(() => page.locator('.search-result').first().textContent()).toContain('Second section')
    await input.press('ArrowDown')
    await input.press('ArrowUp')
    expect(await page.locator('.search-result[aria-selected="true"]').count()).toBe(1)
    await Promise.all([page.waitForURL(/beta\.html#second-section$/), input.press('Enter')])
    await page.close()
  })

  it('finds Japanese and Chinese words inside CJK text', async () => {
    const page = await open('index.html')
    await page.locator('.search-button').click()
    const input = page.locator('#grove-search-input')
    for (const word of ['検索', '図書館', '搜索']) {
      await input.fill(word)
      await expect.poll(() => page.locator('.search-result mark').first().textContent(), { timeout: 10_000 }).toContain(word)
      expect(await page.locator('.search-result-title').first().textContent()).toContain('日本語の検索')
    }
    await page.close()
  })

  it('searches the shards of a split index as one ranked list', async () => {
    const merge = JSON.parse(readFileSync(path.join(out, '_grove/pagefind/shards.json'), 'utf8')).merge as string[]
    expect(merge).toEqual(['s1/', 's2/'])
    // Alpha is in the primary index, Beta (which links to it) in a merged one.
    expect(searchShardOf('notes/alpha.html', 3)).toBe(0)
    expect(searchShardOf('notes/beta.html', 3)).toBe(1)
    const page = await open('index.html')
    await searchFor(page, '/', 'bananas')
    expect(await page.locator('.search-result-title').first().textContent()).toContain('Beta')
    await page.locator('#grove-search-input').fill('alpha')
    await expect.poll(async () => (await page.locator('.search-result-title').allTextContents()).sort().join(','), { timeout: 10_000 }).toMatch(/^Alpha.*,Beta/)
    await page.close()
  })

  it('never finds drafts', async () => {
    const page = await open('index.html')
    await page.keyboard.press('/')
    await page.locator('#grove-search-input').fill('zanzibarian')
    await expect.poll(() => page.locator('.search-status').textContent(), { timeout: 10_000 }).toBe('No results')
    await page.close()
  })

  it('has no serious accessibility violations with the search dialog open', async () => {
    const page = await open('notes/alpha.html')
    await searchFor(page, '/', 'bananas')
    expect(await seriousViolations(page)).toEqual([])
    await page.close()
  })

  it('renders the local graph with the neighbours and a click on a node navigates', async () => {
    const page = await open('notes/gamma.html')
    await page.locator('.graph-view canvas').scrollIntoViewIfNeeded()
    await page.waitForFunction(() => (document.querySelector('.graph-view') as unknown as { graphNodes?: unknown[] })?.graphNodes?.length)
    const nodes = await page.evaluate(() => (document.querySelector('.graph-view') as unknown as { graphNodes: Array<{ title: string; x: number; y: number; current: boolean }> }).graphNodes)
    const titles = nodes.map((n) => n.title)
    expect(titles).toEqual(expect.arrayContaining(['Gamma', 'delta', 'Alpha', 'Beta']))
    expect(titles).not.toContain('Secret draft')
    expect(nodes.find((n) => n.current)?.title).toBe('Gamma')
    await page.screenshot({ path: `${SHOTS}/fixture-local-graph.png` })
    const delta = nodes.find((n) => n.title === 'delta') as { x: number; y: number }
    const box = await page.locator('.graph-view canvas').boundingBox()
    if (!box) throw new Error('no canvas')
    await Promise.all([page.waitForURL(/notes\/delta\.html/), page.mouse.click(box.x + delta.x, box.y + delta.y)])
    await page.close()
  })

  it('draws every published note on the global graph page', async () => {
    const page = await open('graph.html')
    await page.waitForFunction(() => (document.querySelector('.graph-view') as unknown as { graphNodes?: unknown[] })?.graphNodes?.length)
    const titles = await page.evaluate(() => (document.querySelector('.graph-view') as unknown as { graphNodes: Array<{ title: string }> }).graphNodes.map((n) => n.title))
    expect(titles.sort()).toEqual(['Alpha', 'Beta', 'Fixture home', 'Gamma', 'delta', '日本語の検索'])
    await page.screenshot({ path: `${SHOTS}/fixture-global-graph.png` })
    const before = await page.evaluate(() => (document.querySelector('.graph-view') as unknown as { graphNodes: Array<{ x: number }> }).graphNodes.map((n) => n.x))
    await page.mouse.move(700, 450)
    await page.mouse.wheel(0, -300)
    await expect.poll(() => page.evaluate(() => (document.querySelector('.graph-view') as unknown as { graphNodes: Array<{ x: number }> }).graphNodes.map((n) => n.x))).not.toEqual(before)
    await page.close()
  })

  it('shows a preview of the link target on hover, scrolled to the heading', async () => {
    const page = await open('notes/alpha.html')
    await page.locator('.page-content a.internal-link', { hasText: 'a section of beta' }).hover()
    const preview = page.locator('.preview')
    await preview.waitFor({ timeout: 5000 })
    expect(await preview.textContent()).toContain('marzipan')
    expect(await preview.locator('.is-preview-target').textContent()).toBe('Second section')
    expect(await page.locator('link[rel=prefetch]').count()).toBeGreaterThan(0)
    await page.mouse.move(5, 5)
    await preview.waitFor({ state: 'detached', timeout: 5000 })
    await page.close()
  })

  it('previews images embedded in the target', async () => {
    const page = await open('notes/beta.html')
    await page.locator('.page-content a.internal-link', { hasText: 'alpha' }).hover()
    const img = page.locator('.preview img')
    await img.waitFor({ timeout: 5000 })
    await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBe(40)
    await page.close()
  })

  it('shows no previews on touch devices', async () => {
    const touch = await browser.newContext({ viewport: { width: 390, height: 800 }, hasTouch: true, isMobile: true })
    const page = await open('notes/alpha.html', touch)
    await page.locator('.page-content a.internal-link', { hasText: 'a section of beta' }).hover()
    await page.waitForTimeout(700)
    expect(await page.locator('.preview').count()).toBe(0)
    await touch.close()
  })

  it('switches to dark, and the choice survives navigation', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' })
    const page = await open('notes/alpha.html', ctx)
    const toggle = page.locator('.theme-toggle')
    expect(await toggle.getAttribute('aria-pressed')).toBe('false')
    const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor)
    const light = await bg()
    await page.locator('.graph-view canvas').waitFor()
    await page.waitForFunction(() => (document.querySelector('.graph-view') as unknown as { graphNodes?: unknown[] })?.graphNodes?.length)
    await page.screenshot({ path: `${SHOTS}/fixture-note-light-desktop.png`, fullPage: true })
    await toggle.click()
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
    expect(await bg()).not.toBe(light)
    await page.screenshot({ path: `${SHOTS}/fixture-note-dark-desktop.png`, fullPage: true })
    await Promise.all([page.waitForURL(/beta\.html/), page.locator('.page-content a.internal-link', { hasText: 'beta' }).first().click()])
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
    expect(await page.locator('.theme-toggle').getAttribute('aria-pressed')).toBe('true')
    await ctx.close()
  })

  it('follows the system theme until the reader chooses', async () => {
    const ctx = await browser.newContext({ colorScheme: 'dark' })
    const page = await open('notes/alpha.html', ctx)
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBeUndefined()
    expect(await page.locator('.theme-toggle').getAttribute('aria-pressed')).toBe('true')
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe('dark')
    await ctx.close()
  })

  it('has explorer, breadcrumbs and a table of contents that tracks the section', async () => {
    const page = await open('notes/alpha.html')
    const explorer = page.locator('nav.explorer')
    await explorer.locator('.explorer-tree.is-loaded, .explorer-tree').first().waitFor()
    await page.waitForFunction(() => document.querySelector('nav.explorer')?.classList.contains('is-loaded'))
    expect(await explorer.locator('a[aria-current="page"]').textContent()).toBe('Alpha')
    expect(await explorer.locator('details[open] > summary').allTextContents()).toContain('notes')
    expect(await explorer.locator('a').allTextContents()).toEqual(expect.arrayContaining(['Beta', 'Gamma', 'delta', '日本語の検索']))
    expect(await explorer.locator('a', { hasText: 'Secret draft' }).count()).toBe(0)
    expect(await page.locator('nav.breadcrumbs a').allTextContents()).toEqual(['Home', 'notes'])
    expect(await page.locator('nav.toc a').allTextContents()).toEqual(['Details', 'More', 'Deeper'])
    expect(await page.locator('nav.page-nav a').allTextContents()).toEqual([expect.stringContaining('Beta')])
    await page.locator('#deeper').scrollIntoViewIfNeeded()
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight))
    await expect.poll(() => page.locator('nav.toc a.is-active').textContent()).toBe('Deeper')
    await page.close()
  })

  it('puts the explorer in a drawer on a phone', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, colorScheme: 'light' })
    const page = await open('notes/alpha.html', ctx)
    const explorer = page.locator('nav.explorer')
    const toggle = page.locator('.drawer-toggle')
    expect(await toggle.isVisible()).toBe(true)
    expect(await explorer.isVisible()).toBe(false)
    await page.screenshot({ path: `${SHOTS}/fixture-note-light-mobile.png` })
    await toggle.click()
    await expect.poll(() => explorer.isVisible()).toBe(true)
    expect(await toggle.getAttribute('aria-expanded')).toBe('true')
    await page.waitForTimeout(300)
    await page.screenshot({ path: `${SHOTS}/fixture-drawer-mobile.png` })
    await page.keyboard.press('Escape')
    await expect.poll(() => explorer.isVisible()).toBe(false)
    await page.locator('.theme-toggle').click()
    await page.screenshot({ path: `${SHOTS}/fixture-note-dark-mobile.png`, fullPage: true })
    await ctx.close()
  })

  for (const [name, url] of [['home', 'index.html'], ['note', 'notes/alpha.html'], ['folder', 'notes/index.html'], ['tag', 'tags/fruit.html'], ['graph', 'graph.html'], ['404', '404.html']]) {
    it(`has no serious accessibility violations on the ${name} page, in light and dark`, async () => {
      const page = await open(url)
      expect(await seriousViolations(page)).toEqual([])
      await page.locator('.theme-toggle').click()
      expect(await seriousViolations(page)).toEqual([])
      await page.close()
    })
  }

  it('shows the whole note, folding callouts, with JavaScript disabled', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false })
    const page = await open('notes/alpha.html', ctx)
    expect(await page.locator('article h1').textContent()).toBe('Alpha')
    expect(await page.locator('.page-content').textContent()).toContain('quokkas')
    const callout = page.locator('details.callout')
    expect(await callout.getAttribute('open')).toBeNull()
    expect(await page.locator('.callout-content').isVisible()).toBe(false)
    await callout.locator('summary').click()
    expect(await page.locator('.callout-content').isVisible()).toBe(true)
    expect(await page.locator('nav.explorer a[aria-current="page"]').textContent()).toBe('Alpha')
    expect(await page.locator('.search-button').isVisible()).toBe(false)
    await ctx.close()
  })

  it('had no console errors or failed requests on any page', () => {
    const bad = watches.filter((w) => w.watch.problems.length).map((w) => `${w.url}: ${w.watch.problems.join(' | ')}`)
    expect(bad).toEqual([])
  })
})
