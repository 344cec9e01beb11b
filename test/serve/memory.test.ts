import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import v8 from 'node:v8'
import vm from 'node:vm'
import { FIXTURE, startHarness, type Harness } from './harness.js'

v8.setFlagsFromString('--expose-gc')
const gc = vm.runInNewContext('gc') as () => void
const heap = () => {
  gc()
  gc()
  return process.memoryUsage().heapUsed
}

describe('the preview server over many edits', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness(FIXTURE, { debounceMs: 5 })
  })
  afterAll(() => h?.close())

  async function edits(from: number, to: number) {
    // Two saves per update (of different notes, so chokidar's per-file throttle is not involved).
    for (let i = from; i < to; i += 2) {
      h.sse.mark()
      for (const j of [i, i + 1]) await h.write(`notes/n${j % 4}.md`, `---\ntitle: Note ${j % 4}\n---\nedit number ${j} links [[Alpha]]\n`)
      await h.sse.next((e) => e.changed.includes(`notes/n${(i + 1) % 4}.html`))
    }
  }

  it('keeps memory flat over 200 edits in 100+ updates', async () => {
    await edits(0, 50)
    const before = heap()
    await edits(50, 200)
    await h.server.settled()
    const after = heap()
    expect(await h.html('/notes/n3')).toContain('edit number 199')
    // A leak of even a few KB per edit (kept sites, events, timers) would exceed this.
    expect(after - before).toBeLessThan(12 * 1024 * 1024)
    expect(h.sse.events.length).toBeGreaterThanOrEqual(100)
  }, 120_000)
})
