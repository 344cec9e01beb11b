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
    for (let i = from; i < to; i++) {
      const name = `notes/n${i % 4}.md`
      h.sse.mark()
      await h.write(name, `---\ntitle: Note ${i % 4}\n---\nedit number ${i} links [[Alpha]]\n`)
      await h.sse.next((e) => e.changed.includes(`notes/n${i % 4}.html`))
    }
  }

  it('keeps memory flat over 200 edits', async () => {
    await edits(0, 50)
    const before = heap()
    await edits(50, 200)
    await h.server.settled()
    const after = heap()
    expect(await h.html('/notes/n3')).toContain('edit number 199')
    // A leak of even a few KB per edit (kept sites, events, timers) would exceed this.
    expect(after - before).toBeLessThan(12 * 1024 * 1024)
    expect(h.sse.events.length).toBeGreaterThanOrEqual(200)
  }, 120_000)
})
