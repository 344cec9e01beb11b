/**
 * Browser-test helpers: find Debian Chromium, launch it with playwright-core, serve a built site
 * on 127.0.0.1, collect console errors and failed requests, and run axe-core.
 *
 * Without a Chromium the browser suites are skipped with a loud banner, unless
 * GROVE_REQUIRE_BROWSER=1, where a missing browser fails the suite.
 */
import { existsSync } from 'node:fs'
import { readFile, mkdtemp } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import sirv from 'sirv'
import { describe, it, expect } from 'vitest'
import { chromium, type Browser, type Page } from 'playwright-core'
import { build } from '../../src/build.js'
import { validateConfig, DEFAULT_CONFIG, loadConfig, type SiteConfig } from '../../src/config.js'
import { FsSink } from '../../src/output/sink.js'

const require = createRequire(import.meta.url)

export const CHROMIUM_PATH = process.env.GROVE_CHROMIUM ?? '/usr/bin/chromium'
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
const REQUIRE = process.env.GROVE_REQUIRE_BROWSER === '1'

export const hasBrowser = (): boolean => existsSync(CHROMIUM_PATH)

/**
 * `describe` for a browser suite: runs it when Chromium exists; otherwise skips it with a
 * warning banner, or fails when GROVE_REQUIRE_BROWSER=1.
 */
export function describeBrowser(name: string, fn: () => void): void {
  if (hasBrowser()) {
    describe(name, fn)
    return
  }
  if (REQUIRE) {
    describe(name, () => {
      it('has a Chromium to run in', () => {
        throw new Error(`GROVE_REQUIRE_BROWSER=1 but no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium, or set GROVE_CHROMIUM)`)
      })
    })
    return
  }
  const line = '!'.repeat(78)
  console.warn(`\n${line}\n!! SKIPPED browser tests "${name}": no Chromium at ${CHROMIUM_PATH}.\n!! Install it (apt-get install -y chromium) or set GROVE_CHROMIUM; set GROVE_REQUIRE_BROWSER=1 to fail instead.\n${line}\n`)
  describe.skip(name, fn)
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
}

export interface Served {
  url: string
  close(): Promise<void>
}

/** Serves a folder on 127.0.0.1 at a random port, under `base` (e.g. '/docs/') to prove sub-path use. */
export async function serveDir(dir: string, base = '/'): Promise<Served> {
  const handler = sirv(dir, { dev: true, etag: false })
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/'
    if (!url.startsWith(base)) {
      res.statusCode = 404
      res.end('not found')
      return
    }
    req.url = '/' + url.slice(base.length)
    handler(req, res, () => {
      res.statusCode = 404
      res.end('not found')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}${base}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** Builds a vault into a fresh temp dir with the real FsSink, as `grove build` does. */
export async function buildSite(vaultDir: string, config: Partial<SiteConfig> = {}): Promise<string> {
  const out = path.join(await mkdtemp(path.join(tmpdir(), 'grove-site-')), 'public')
  const base = existsSync(path.join(vaultDir, 'grove.config.yaml')) ? await loadConfig(vaultDir) : DEFAULT_CONFIG
  const result = await build({ vaultDir, config: validateConfig(config, base, 'test'), sink: new FsSink(out), outDir: out })
  const errors = result.diagnostics.filter((d) => d.severity === 'error')
  if (errors.length) throw new Error(`build of ${vaultDir} had errors: ${errors.map((d) => d.message).join('; ')}`)
  return out
}

export interface PageWatch {
  /** Console errors, uncaught exceptions, failed requests and HTTP errors seen so far. */
  problems: string[]
}

/** Records every console error, page error, failed request and 4xx/5xx response of a page. */
export function watchPage(page: Page): PageWatch {
  const w: PageWatch = { problems: [] }
  page.on('console', (m) => { if (m.type() === 'error') w.problems.push(`console: ${m.text()}`) })
  page.on('pageerror', (e) => w.problems.push(`pageerror: ${e.message}`))
  page.on('requestfailed', (r) => {
    const err = r.failure()?.errorText ?? ''
    // A prefetch or fetch cancelled by navigating away is not a failure of the page.
    if (/ERR_ABORTED/.test(err)) return
    w.problems.push(`requestfailed: ${r.url()} ${err}`)
  })
  page.on('response', (r) => { if (r.status() >= 400) w.problems.push(`http ${r.status()}: ${r.url()}`) })
  return w
}

let axeSource: string | undefined

export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: string[]
}

/** Runs axe-core in the page; returns the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= await readFile(require.resolve('axe-core/axe.min.js'), 'utf8')
  await page.addScriptTag({ content: axeSource })
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[]; failureSummary?: string }> }> }> } }).axe
    return axe.run(document, { resultTypes: ['violations'] })
  })
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => `${JSON.stringify(n.target)}: ${n.failureSummary ?? ''}`) }))
}

/** Opens the search dialog with `key`, types `query` and waits until at least one result shows. */
export async function searchFor(page: Page, key: string, query: string): Promise<void> {
  await page.keyboard.press(key)
  await page.locator('#grove-search-input').fill(query)
  await expect.poll(() => page.locator('.search-result').count(), { timeout: 10_000 }).toBeGreaterThan(0)
}
