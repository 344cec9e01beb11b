import { chromium } from 'playwright-core'
import { mkdirSync } from 'node:fs'
mkdirSync('/tmp/grove-shots', { recursive: true })
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] })
const shots = [
  ['callouts', 'syntax/callouts.html', 'light', 2600],
  ['embeds', 'syntax/embeds.html', 'light', 2600],
  ['code', 'syntax/code.html', 'light', 1800],
  ['code-dark', 'syntax/code.html', 'dark', 1200],
  ['diagrams', 'syntax/diagrams.html', 'light', 1400],
  ['diagrams-dark', 'syntax/diagrams.html', 'dark', 1400],
  ['math', 'syntax/math.html', 'light', 1400],
  ['formatting', 'syntax/formatting.html', 'light', 2400],
]
for (const [name, page, scheme, height] of shots) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height }, colorScheme: scheme })
  const p = await ctx.newPage()
  const errors = []
  p.on('pageerror', (e) => errors.push(String(e)))
  p.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
  await p.goto('file:///tmp/site/' + page)
  await p.waitForTimeout(name.startsWith('diagrams') ? 2500 : 500)
  await p.screenshot({ path: `/tmp/grove-shots/syntax-${name}.png` })
  const info = await p.evaluate(() => ({ svgs: document.querySelectorAll('pre.mermaid svg').length, copy: document.querySelectorAll('.code-copy').length }))
  console.log(name, JSON.stringify(info), errors.slice(0, 3))
  await ctx.close()
}
await browser.close()
