// The bundle loads KaTeX and parse5 only for a build that uses them (src/lazy-require.ts): a
// preload script records every file of dist/bundle/lazy/ that the CLI requires.
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { writeVault } from './helpers/build-vault.js'
import { LAZY_MODULES } from '../src/lazy-require.js'

const run = promisify(execFile)
const BIN = path.resolve('bin/grove.js')
const LAZY_DIR = path.resolve('dist/bundle/lazy')

let work: string
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'grove-lazy-'))
  await writeFile(
    path.join(work, 'record.cjs'),
    `const Module = require('node:module'); const fs = require('node:fs')
const load = Module._load
Module._load = function (request, ...rest) {
  if (/[\\\\/]lazy[\\\\/][^\\\\/]+\\.cjs$/.test(request)) fs.appendFileSync(process.env.GROVE_LAZY_LOG, require('node:path').basename(request) + '\\n')
  return load.call(this, request, ...rest)
}\n`,
  )
})
afterAll(async () => {
  await rm(work, { recursive: true, force: true })
})

/** Builds `files` with the bundled CLI; returns the lazy modules it loaded and the output folder. */
async function buildRecording(name: string, files: Record<string, string>, args: string[] = []) {
  const vault = await writeVault(files)
  const out = path.join(work, `out-${name}`)
  const log = path.join(work, `${name}.log`)
  await writeFile(log, '')
  try {
    await run(process.execPath, ['--require', path.join(work, 'record.cjs'), BIN, 'build', vault, '--out', out, '--no-cache', '--quiet', ...args], { env: { ...process.env, GROVE_LAZY_LOG: log } })
  } finally {
    await rm(vault, { recursive: true, force: true })
  }
  const loaded = (await readFile(log, 'utf8')).split('\n').filter(Boolean)
  return { loaded: [...new Set(loaded)].sort(), out }
}

describe('modules loaded on first use', () => {
  it('are packed beside the bundle, one file each', () => {
    for (const name of LAZY_MODULES) expect(existsSync(path.join(LAZY_DIR, `${name}.cjs`)), name).toBe(true)
  })

  it('are not loaded by a build without math, raw HTML or feeds', async () => {
    const { loaded, out } = await buildRecording('plain', { 'index.md': '# Home\n\nSee [[b]] and `code`.', 'b.md': '# B\n\n```js\nlet x = 1\n```\n' })
    expect(loaded).toEqual([])
    expect(await readFile(path.join(out, 'b.html'), 'utf8')).toContain('let')
  })

  it('are loaded by the notes that need them, and do their work', async () => {
    const { loaded, out } = await buildRecording(
      'rich',
      { 'index.md': '# Home\n\n[[posts/a]]', 'posts/a.md': '---\ndate: 2026-01-02\n---\n# A\n\nPress <kbd>Ctrl</kbd>; $x^2$.\n' },
      ['--base-url', 'https://example.org'],
    )
    expect(loaded).toEqual(LAZY_MODULES.map((n) => `${n}.cjs`).sort())
    const page = await readFile(path.join(out, 'posts/a.html'), 'utf8')
    expect(page).toContain('<kbd>Ctrl</kbd>')
    expect(page).toMatch(/class="katex"/)
    expect(await readFile(path.join(out, 'atom.xml'), 'utf8')).toContain('kbd')
  })
})
