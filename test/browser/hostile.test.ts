/**
 * Every page of the hostile vault, loaded in a real browser with a `window.__pwned` trap: no
 * payload from titles, tags, aliases, file names, headings or raw HTML may ever run.
 */
import { it, expect, beforeAll, afterAll } from 'vitest'
import { readdir, rm } from 'node:fs/promises'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { describeBrowser, launchBrowser, serveDir, buildSite, type Served } from '../helpers/browser.js'
import { writeVault } from '../helpers/build-vault.js'
import { hostileFiles } from '../hostile/hostile-vault.js'

/** The hostile vault without its slow-to-render stress notes (they are covered in test/hostile). */
const files = Object.fromEntries(Object.entries(hostileFiles).filter(([f]) => !f.startsWith('content/')))

async function htmlFiles(dir: string, base = dir): Promise<string[]> {
  const out: string[] = []
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name)
    if (e.isDirectory()) out.push(...(await htmlFiles(full, base)))
    else if (e.name.endsWith('.html')) out.push(path.relative(base, full).split(path.sep).join('/'))
  }
  return out.sort()
}

describeBrowser('hostile pages in Chromium', () => {
  let vault: string
  let site: string
  let served: Served
  let browser: Browser
  beforeAll(async () => {
    vault = await writeVault(files)
    site = await buildSite(vault)
    served = await serveDir(site)
    browser = await launchBrowser()
  }, 180_000)
  afterAll(async () => {
    await browser?.close()
    await served?.close()
    await rm(vault, { recursive: true, force: true })
  })

  it('never sets window.__pwned on any page, even when hovering and clicking its content', async () => {
    const pages = await htmlFiles(site)
    expect(pages.length).toBeGreaterThan(30)
    const page = await browser.newPage()
    await page.addInitScript(() => {
      Object.defineProperty(window, '__pwned', { set: (v) => ((window as unknown as { __hit: unknown }).__hit = v), get: () => (window as unknown as { __hit: unknown }).__hit })
    })
    for (const file of pages) {
      await page.goto(served.url + file.split('/').map(encodeURIComponent).join('/'), { waitUntil: 'load' })
      // Redirect pages navigate on their own; the trap is installed in every new document.
      await page.waitForLoadState('load')
      try {
        for (const el of await page.$$('.page-content *')) await el.hover({ timeout: 200 }).catch(() => {})
      } catch {
        await page.waitForLoadState('load')
      }
      await page.waitForTimeout(50)
      expect(await page.evaluate(() => (window as unknown as { __hit?: unknown }).__hit), file).toBeUndefined()
    }
    await page.close()
  }, 240_000)
})
