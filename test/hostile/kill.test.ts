/**
 * A build killed with SIGKILL at any moment leaves the previous site complete and unchanged,
 * and the next build cleans up after it.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { spawn, execFileSync } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { createHash } from 'node:crypto'
import { tmpdir } from 'node:os'
import path from 'node:path'

const BIN = path.resolve('bin/grove.js')
const GEN = path.resolve('../shared/tools/gen-vault.mjs')
let work: string
let vault: string
let out: string

async function snapshot(dir: string, base = dir): Promise<string[]> {
  const rows: string[] = []
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name)
    if (e.isDirectory()) rows.push(...(await snapshot(full, base)))
    else rows.push(`${path.relative(base, full)} ${createHash('sha1').update(await readFile(full)).digest('hex')}`)
  }
  return rows.sort()
}

function buildAndKill(afterMs: number): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'build', vault, '--out', out, '--no-cache', '--quiet'], { stdio: 'ignore' })
    const timer = setTimeout(() => child.kill('SIGKILL'), afterMs)
    child.on('exit', () => {
      clearTimeout(timer)
      resolve()
    })
  })
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'grove-kill-'))
  vault = path.join(work, 'vault')
  out = path.join(work, 'public')
  execFileSync(process.execPath, [GEN, vault, '--notes', '250', '--seed', '3'], { stdio: 'ignore' })
  execFileSync(process.execPath, [BIN, 'build', vault, '--out', out, '--no-cache', '--quiet'], { stdio: 'ignore' })
}, 180_000)
afterAll(async () => rm(work, { recursive: true, force: true }))

describe('killed builds', () => {
  it('leave the previous public/ complete and unchanged, whenever they die', async () => {
    const before = await snapshot(out)
    expect(before.length).toBeGreaterThan(250)
    // Change the vault so a completed build would change the output.
    const [first] = (await readdir(vault)).filter((f) => f.endsWith('.md'))
    await writeFile(path.join(vault, first), 'changed by the kill test')
    for (const ms of [50, 250, 500, 900, 1400, 2000]) {
      await buildAndKill(ms)
      expect(await snapshot(out), `killed after ${ms} ms`).toEqual(before)
    }
  }, 240_000)

  it('clean up the temp folders of killed builds on the next run', async () => {
    await buildAndKill(700)
    execFileSync(process.execPath, [BIN, 'build', vault, '--out', out, '--no-cache', '--quiet'], { stdio: 'ignore' })
    expect((await readdir(work)).sort()).toEqual(['public', 'vault'])
  }, 120_000)
})
