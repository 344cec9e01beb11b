import { describe, it, expect } from 'vitest'
import { inChunks } from '../../src/parallel/chunks.js'

const tick = () => new Promise((r) => setTimeout(r, 5))

describe('inChunks', () => {
  it('keeps results in input order with at most two chunks in flight, reporting each chunk once', async () => {
    let inFlight = 0
    let most = 0
    const done: number[] = []
    const out = await inChunks(
      Array.from({ length: 10 }, (_, i) => i),
      async (c) => {
        most = Math.max(most, ++inFlight)
        await new Promise((r) => setTimeout(r, c[0] === 0 ? 30 : 5)) // the first chunk is the slowest
        inFlight--
        return c.map((x) => x * 2)
      },
      (n) => done.push(n),
      3,
    )
    expect(out).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18])
    expect(most).toBe(2)
    expect(done).toEqual([3, 3, 3, 1])
  })

  it('rejects with a later chunk’s error, and that error is never an unhandled rejection', async () => {
    const unhandled: unknown[] = []
    const onUnhandled = (e: unknown) => unhandled.push(e)
    process.on('unhandledRejection', onUnhandled)
    try {
      const run = inChunks([1, 2, 3, 4], async (c) => {
        if (c[0] === 3) throw new Error('chunk two failed') // fails while chunk one is still awaited
        await tick()
        await tick()
        return c
      }, () => {}, 2)
      await expect(run).rejects.toThrow('chunk two failed')
      await tick()
      expect(unhandled).toEqual([])
    } finally {
      process.off('unhandledRejection', onUnhandled)
    }
  })

  it('handles nothing to do', async () => {
    expect(await inChunks([], async () => [1], () => {})).toEqual([])
  })
})
