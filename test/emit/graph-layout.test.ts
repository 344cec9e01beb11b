import { describe, it, expect } from 'vitest'
import { existsSync } from 'node:fs'
import path from 'node:path'
import * as d3 from 'd3-force'
import { layOutGraph, simulateLayout, WORKER_NODES } from '../../src/emit/graph-layout.js'

/** A ring with chords and one hub: enough structure that a different run would move nodes. */
function graph(n: number): Array<[number, number]> {
  const links: Array<[number, number]> = []
  for (let i = 0; i < n; i++) {
    links.push([i, (i + 1) % n])
    if (i % 7 === 0) links.push([i, (i * 13 + 5) % n])
    if (i % 3 === 0 && i !== 0) links.push([0, i])
  }
  return links.filter(([a, b]) => a !== b).sort((a, b) => a[0] - b[0] || a[1] - b[1])
}

describe('graph layout', () => {
  it('gives a big graph the same positions from the worker thread as in line', async () => {
    // npm test compiles first, so tsc's build of the worker entry is there for the sources to use.
    expect(existsSync(path.resolve('dist/src/emit/graph-layout-worker.js'))).toBe(true)
    const n = WORKER_NODES + 100
    const links = graph(n)
    const inLine = simulateLayout(n, links, d3)
    const fromWorker = await layOutGraph(n, links)
    expect(fromWorker).toBeInstanceOf(Float64Array)
    expect(fromWorker).toHaveLength(2 * n)
    expect(Array.from(fromWorker)).toEqual(Array.from(inLine))
    // Spread out, not all at the origin.
    expect(new Set(Array.from(fromWorker)).size).toBeGreaterThan(n)
  }, 60_000)

  it('lays out a small graph in line, deterministically', async () => {
    const links = graph(40)
    const a = await layOutGraph(40, links)
    expect(Array.from(a)).toEqual(Array.from(simulateLayout(40, links, d3)))
    expect(Array.from(await layOutGraph(40, links))).toEqual(Array.from(a))
  })
})
