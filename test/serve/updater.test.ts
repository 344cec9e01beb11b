import { afterEach, describe, expect, it } from 'vitest'
import { rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { writeVault } from '../helpers/build-vault.js'
import { DEFAULT_CONFIG } from '../../src/config.js'
import { SiteUpdater, type UpdateOutcome } from '../../src/serve/updater.js'

const dirs: string[] = []
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true })
})

async function setup(files: Record<string, string>) {
  const dir = await writeVault(files)
  dirs.push(dir)
  const outcomes: UpdateOutcome[] = []
  const updater = new SiteUpdater({ vaultDir: dir, configFile: path.join(dir, 'grove.config.yaml'), config: DEFAULT_CONFIG, debounceMs: 5, onUpdate: (o) => void (o.phase !== 'search' && outcomes.push(o)) })
  await updater.start()
  return { dir, updater, outcomes }
}

const vanished = () => Object.assign(new Error('stage read+parse failed: ENOENT'), { cause: Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' }) })

describe('SiteUpdater', () => {
  it('keeps the last good site and retries when a file vanishes mid-build', async () => {
    const { dir, updater, outcomes } = await setup({ 'a.md': 'first' })
    const good = updater.files.get('a.html')
    const real = updater.session.update.bind(updater.session)
    let calls = 0
    updater.session.update = async (changes) => {
      if (calls++ === 0) throw vanished()
      return real(changes)
    }
    await writeFile(path.join(dir, 'a.md'), 'second')
    updater.notify({ source: 'vault', kind: 'change', path: 'a.md' })
    await new Promise((r) => setTimeout(r, 30))
    expect(outcomes.at(-1)?.error).toBeDefined()
    expect(outcomes.at(-1)?.overlay.map((o) => o.ruleId)).toContain('build-failed')
    expect(updater.files.get('a.html')).toBe(good)
    // The retry runs without any new watcher event, re-using the failed batch.
    await new Promise((r) => setTimeout(r, 200))
    await updater.whenIdle()
    const last = outcomes.at(-1)
    expect(last?.error).toBeUndefined()
    expect(last?.overlay).toEqual([])
    expect(last?.changes).toEqual([{ path: 'a.md', kind: 'change' }])
    expect(String(updater.files.get('a.html'))).toContain('second')
    await updater.close()
  })

  it('runs one update at a time and folds changes made meanwhile into the next one', async () => {
    const { dir, updater, outcomes } = await setup({ 'a.md': 'v0', 'b.md': 'b' })
    const real = updater.session.update.bind(updater.session)
    let inFlight = 0
    let maxInFlight = 0
    updater.session.update = async (changes) => {
      maxInFlight = Math.max(maxInFlight, ++inFlight)
      await new Promise((r) => setTimeout(r, 40))
      try {
        return await real(changes)
      } finally {
        inFlight--
      }
    }
    const before = outcomes.length
    for (let i = 1; i <= 20; i++) {
      await writeFile(path.join(dir, 'a.md'), `v${i}`)
      updater.notify({ source: 'vault', kind: 'change', path: 'a.md' })
      if (i === 10) updater.notify({ source: 'vault', kind: 'change', path: 'b.md' })
      await new Promise((r) => setTimeout(r, 4))
    }
    await updater.whenIdle()
    expect(maxInFlight).toBe(1)
    expect(outcomes.length - before).toBeLessThanOrEqual(4)
    expect(String(updater.files.get('a.html'))).toContain('v20')
    await updater.close()
  })

  it('reports the net change of a path over a batch', async () => {
    const { dir, updater, outcomes } = await setup({ 'keep.md': 'k', 'gone.md': 'g' })
    await writeFile(path.join(dir, 'new.md'), 'n')
    await rm(path.join(dir, 'gone.md'))
    updater.notify({ source: 'vault', kind: 'add', path: 'new.md' })
    updater.notify({ source: 'vault', kind: 'change', path: 'new.md' })
    updater.notify({ source: 'vault', kind: 'unlink', path: 'keep.md' })
    updater.notify({ source: 'vault', kind: 'add', path: 'keep.md' })
    updater.notify({ source: 'vault', kind: 'change', path: 'gone.md' })
    updater.notify({ source: 'vault', kind: 'unlink', path: 'gone.md' })
    updater.notify({ source: 'vault', kind: 'unlinkDir', path: 'whatever' })
    await new Promise((r) => setTimeout(r, 20))
    await updater.whenIdle()
    expect(outcomes.at(-1)?.changes).toEqual([
      { path: 'gone.md', kind: 'unlink' },
      { path: 'keep.md', kind: 'change' },
      { path: 'new.md', kind: 'add' },
    ])
    expect(outcomes.at(-1)?.removed).toContain('gone.html')
    await updater.close()
  })

  it('rebuilds from scratch on a theme change', async () => {
    const { updater, outcomes } = await setup({ 'a.md': 'a' })
    updater.notify({ source: 'theme', kind: 'change', path: '/theme/styles/grove.css' })
    await new Promise((r) => setTimeout(r, 20))
    await updater.whenIdle()
    expect(outcomes.at(-1)).toMatchObject({ full: true, changed: [], removed: [] })
    await updater.close()
  })
})

describe('SiteUpdater after a persistent failure', () => {
  it('does not retry in a loop, and runs the failed batch again with the next event', async () => {
    const { dir, updater, outcomes } = await setup({ 'a.md': 'a', 'b.md': 'b' })
    const real = updater.session.update.bind(updater.session)
    let calls = 0
    let broken = true
    updater.session.update = async (changes) => {
      calls++
      if (broken) throw new Error('a bug in an emitter')
      return real(changes)
    }
    await writeFile(path.join(dir, 'a.md'), 'a2')
    updater.notify({ source: 'vault', kind: 'change', path: 'a.md' })
    await new Promise((r) => setTimeout(r, 300))
    expect(calls).toBe(1)
    expect(outcomes.at(-1)?.overlay[0]).toMatchObject({ ruleId: 'build-failed', severity: 'error' })
    broken = false
    await writeFile(path.join(dir, 'b.md'), 'b2')
    updater.notify({ source: 'vault', kind: 'change', path: 'b.md' })
    await new Promise((r) => setTimeout(r, 20))
    await updater.whenIdle()
    expect(outcomes.at(-1)?.changes.map((c) => c.path)).toEqual(['a.md', 'b.md'])
    expect(outcomes.at(-1)?.overlay).toEqual([])
    expect(String(updater.files.get('a.html'))).toContain('a2')
    await updater.close()
  })
})
