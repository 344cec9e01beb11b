/**
 * The graph's force layout: d3-force, seeded, a fixed number of ticks (deterministic, and no
 * layout work in the browser; cheap at any size: few ticks for big graphs, hubs' links capped,
 * collision only at the end). A pure function of the node count and the links, so it can run
 * in a worker thread (graph-layout-worker.ts) while the main thread does other work.
 */
import type { SimulationNodeDatum } from 'd3-force'
import { Worker } from 'node:worker_threads'
import { compiledEntry } from '../package-root.js'

/** d3-force, loaded only when a layout is computed (a body-only build carries the graph over). */
export type Force = typeof import('d3-force')

/** A small seeded linear congruential generator, so the layout is the same on every build. */
function lcg(seed: number) {
  let s = seed >>> 0
  return () => ((s = (Math.imul(1664525, s) + 1013904223) >>> 0) / 4294967296)
}

/**
 * Ticks for a graph of n nodes: a full anneal for small graphs; big ones settle from d3's
 * phyllotaxis start in far fewer (the many-body force is ~90% of a tick, and a tick costs
 * O(n log n)), which keeps the layout time about flat from 300 nodes on.
 */
export const ticksFor = (n: number) => (n <= 300 ? 300 : Math.max(40, Math.round(90_000 / n)))

/** Links per node that the layout pulls on; hubs (tags, index notes) would otherwise drag everything into one knot. */
const LAYOUT_LINKS_PER_NODE = 12
/** Collision is resolved in the last few ticks only: it removes overlaps, and is not needed to spread the graph. */
const COLLIDE_TICKS = 10

/**
 * The links the layout uses: each node keeps its links to its least-connected neighbours, up to
 * the cap, and a link stays when either end keeps it. Every note keeps a pull towards its
 * neighbours, while a hub's hundreds of links shrink to those of its leaves. (All links are
 * still emitted and drawn.)
 */
export function layoutLinks(n: number, links: Array<[number, number]>, cap = LAYOUT_LINKS_PER_NODE): Array<[number, number]> {
  const degree = new Uint32Array(n)
  for (const [a, b] of links) {
    degree[a]++
    degree[b]++
  }
  if (!degree.some((d) => d > cap)) return links
  const incident: number[][] = Array.from({ length: n }, () => [])
  links.forEach(([a, b], k) => {
    incident[a].push(k)
    incident[b].push(k)
  })
  const keep = new Uint8Array(links.length)
  for (let i = 0; i < n; i++) {
    const ks = incident[i]
    if (ks.length <= cap) {
      for (const k of ks) keep[k] = 1
      continue
    }
    const other = (k: number) => (links[k][0] === i ? links[k][1] : links[k][0])
    ks.sort((x, y) => degree[other(x)] - degree[other(y)] || other(x) - other(y))
    for (let j = 0; j < cap; j++) keep[ks[j]] = 1
  }
  return links.filter((_, k) => keep[k] === 1)
}

/** Node positions (x, y per node, rounded to 0.1) after a seeded run of the forces. */
export function simulateLayout(n: number, links: Array<[number, number]>, { forceSimulation, forceLink, forceManyBody, forceCenter, forceCollide, forceX, forceY }: Force): Float64Array {
  type N = SimulationNodeDatum & { i: number }
  const sim: N[] = Array.from({ length: n }, (_, i) => ({ i }))
  const ticks = ticksFor(n)
  const simulation = forceSimulation(sim)
    .randomSource(lcg(0x67726f76))
    .alphaDecay(1 - Math.pow(0.001, 1 / ticks))
    .force('link', forceLink<N, { source: number; target: number }>(layoutLinks(n, links).map(([s, t]) => ({ source: s, target: t }))).id((d) => d.i).distance(40))
    .force('charge', forceManyBody<N>().strength(-60).theta(0.9).distanceMax(600))
    .force('x', forceX<N>(0).strength(0.04))
    .force('y', forceY<N>(0).strength(0.04))
    .force('center', forceCenter(0, 0))
    .stop()
  simulation.tick(ticks - COLLIDE_TICKS)
  simulation.force('collide', forceCollide<N>(8)).tick(COLLIDE_TICKS)
  const xy = new Float64Array(n * 2)
  sim.forEach((d, i) => {
    xy[2 * i] = Math.round((d.x ?? 0) * 10) / 10
    xy[2 * i + 1] = Math.round((d.y ?? 0) * 10) / 10
  })
  return xy
}

/**
 * Below this many nodes the layout runs in line: a worker's start-up (~40 ms) would cost more
 * than the simulation.
 */
export const WORKER_NODES = 500

/**
 * The layout, off the main thread for big graphs: the main thread lays out note pages while a
 * worker runs the forces (at 10k notes 2.5–5 s that used to come after the pages). Same code,
 * same seed, same engine, so the same positions as in line.
 */
export async function layOutGraph(n: number, links: Array<[number, number]>): Promise<Float64Array> {
  const entry = n >= WORKER_NODES ? compiledEntry(import.meta.url, 'emit', 'graph-layout-worker.js') : undefined
  if (!entry) return simulateLayout(n, links, await import('d3-force'))
  const worker = new Worker(entry, { workerData: { n, links } })
  try {
    return await new Promise<Float64Array>((resolve, reject) => {
      worker.once('message', (xy: Float64Array) => resolve(xy))
      worker.once('error', reject)
      worker.once('exit', (code) => reject(new Error(`the graph layout worker stopped (exit code ${code})`)))
    })
  } finally {
    void worker.terminate()
  }
}
