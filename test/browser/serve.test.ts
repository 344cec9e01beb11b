/**
 * The preview server in a real browser: a page updates itself after an edit on disk (no manual
 * reload), keeps its scroll position, leaves unrelated tabs alone, swaps changed stylesheets in
 * place, and shows and clears the problem overlay.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { describeBrowser, launchBrowser, watchPage } from '../helpers/browser.js'
import { startHarness, type Harness } from '../serve/harness.js'

const filler = Array.from({ length: 80 }, (_, i) => `Paragraph ${i} of filler so the page scrolls.`).join('\n\n')

describeBrowser('the preview server in a browser', () => {
  let h: Harness
  let browser: Browser
  let context: BrowserContext

  beforeAll(async () => {
    h = await startHarness({
      'index.md': 'Home links [[Long]] and [[Other]].\n',
      'Long.md': `---\ntitle: Long\n---\nFIRST VERSION\n\n${filler}\n\nEnd of long.\n`,
      'Other.md': 'Other note, unrelated to Long.\n',
    })
    browser = await launchBrowser()
    context = await browser.newContext({ viewport: { width: 1000, height: 700 } })
  })
  afterAll(async () => {
    await context?.close()
    await browser?.close()
    await h?.close()
  })

  async function open(target: string): Promise<Page> {
    const page = await context.newPage()
    await page.goto(h.server.url.replace(/\/$/, '') + target, { waitUntil: 'load' })
    // The event stream is connected once the first frame set the generation.
    await page.waitForFunction(() => (window as unknown as { __grove_live?: { gen: number } }).__grove_live !== undefined)
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1))
    return page
  }
  const marked = (page: Page) => page.evaluate(() => (window as unknown as { marker?: number }).marker === 1)
  const text = (page: Page) => page.evaluate(() => document.querySelector('.page-content')?.textContent ?? '')

  it('shows an edit made on disk without a manual reload, at the same scroll position', async () => {
    const page = await open('/long')
    const problems = watchPage(page)
    const other = await open('/other')
    await page.evaluate(() => window.scrollTo(0, 900))
    await page.waitForFunction(() => window.scrollY === 900)
    await h.write('Long.md', `---\ntitle: Long\n---\nSECOND VERSION\n\n${filler}\n\nEnd of long.\n`)
    await page.waitForFunction(() => document.body.textContent?.includes('SECOND VERSION'), undefined, { timeout: 15_000 })
    expect(await marked(page)).toBe(false) // it reloaded by itself
    await page.waitForFunction(() => Math.abs(window.scrollY - 900) < 5)
    await h.server.settled()
    expect(await marked(other)).toBe(true) // its page did not change: no reload
    expect(problems.problems).toEqual([])
    await other.close()
    await page.close()
  })

  it('swaps a changed stylesheet in place without reloading', async () => {
    const page = await open('/long')
    const gen = await page.evaluate(() => (window as unknown as { __grove_live: { gen: number } }).__grove_live.gen)
    await page.evaluate((g) => {
      const live = (window as unknown as { __grove_live: { apply(d: unknown): void } }).__grove_live
      live.apply({ gen: g, changed: ['_grove/grove.css'], removed: [], overlay: [] })
    }, gen)
    await page.waitForFunction(() => [...document.querySelectorAll<HTMLLinkElement>('link[rel=stylesheet]')].some((l) => /grove\.css\?grove=\d+/.test(l.href)))
    await page.waitForFunction(() => document.querySelectorAll('link[href*="grove.css"]').length === 1)
    expect(await marked(page)).toBe(true)
    await page.close()
  })

  it('shows invalid front matter in an overlay over the last good page, and clears it when fixed', async () => {
    const page = await open('/long')
    const before = await text(page)
    await h.write('Long.md', `---\ntitle: [oops\n---\nBROKEN VERSION\n`)
    const overlay = page.locator('#grove-overlay')
    await overlay.waitFor({ timeout: 15_000 })
    expect(await overlay.textContent()).toMatch(/Long\.md:\d+:\d+ {2}warning {2}invalid YAML front matter/)
    expect(await text(page)).toBe(before) // the last good version stays
    expect(await marked(page)).toBe(true)
    await h.write('Long.md', `---\ntitle: Long\n---\nFIXED VERSION\n`)
    await page.waitForFunction(() => document.body.textContent?.includes('FIXED VERSION'), undefined, { timeout: 15_000 })
    expect(await page.locator('#grove-overlay').count()).toBe(0)
    await page.close()
  })

  it('turns a 404 tab into the page once its note is created', async () => {
    const page = await context.newPage()
    const r = await page.goto(h.server.url + 'brand-new', { waitUntil: 'load' })
    expect(r?.status()).toBe(404)
    await page.waitForFunction(() => (window as unknown as { __grove_live?: unknown }).__grove_live !== undefined)
    await h.write('Brand New.md', 'I was just created.\n')
    await page.waitForFunction(() => document.body.textContent?.includes('I was just created.'), undefined, { timeout: 15_000 })
    await page.close()
  })
})
