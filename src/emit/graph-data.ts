/**
 * The graph: one JSON file with every published note (and tag) as a node and every resolved
 * link between published notes as an edge, with a force layout computed here at build time
 * (d3-force, seeded, fixed number of ticks: deterministic, and no layout work in the browser;
 * cheap at any size: few ticks for big graphs, hubs' links capped, collision only at the end),
 * plus the global graph page. Local graphs on note pages read the same file on demand.
 */
import type { SimulationNodeDatum } from 'd3-force'
import { createHash } from 'node:crypto'
import type { Emitter, SiteModel } from './emitter.js'
import { writePage } from './page-props.js'
import { globalGraph } from '../../theme/components/graph.js'
import { GRAPH_JSON, graphPageOutput } from './site-paths.js'

export interface GraphNode {
  /** Note slug, or `#tag` for tag nodes. */
  id: string
  /** Title shown as the label. */
  t: string
  /** Page path from the site root. */
  u: string
  x: number
  y: number
  /** 1 for a tag node. */
  tag?: 1
}

export interface GraphData {
  nodes: GraphNode[]
  /** Pairs of node indexes, source first. */
  links: Array<[number, number]>
}

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

/** d3-force, loaded only when a layout is computed (a body-only build carries the graph over). */
type Force = typeof import('d3-force')

export function computeGraph(site: SiteModel, d3: Force): GraphData {
  const notes = [...site.index.notes.values()].sort((a, b) => (a.source < b.source ? -1 : 1))
  const nodes: GraphNode[] = notes.map((n) => ({ id: n.slug, t: n.note.title, u: n.output, x: 0, y: 0 }))
  const at = new Map(notes.map((n, i) => [n.source as string, i]))
  const links: Array<[number, number]> = []
  for (const [to, froms] of site.index.backlinks) {
    const j = at.get(to)
    if (j === undefined) continue
    for (const from of froms) {
      const i = at.get(from)
      if (i !== undefined) links.push([i, j])
    }
  }
  const tagAt = new Map<string, number>()
  for (const tag of [...site.index.tags.values()].sort((a, b) => (a.slug < b.slug ? -1 : 1))) {
    tagAt.set(tag.name.toLowerCase(), nodes.length)
    nodes.push({ id: '#' + tag.name, t: '#' + tag.name, u: tag.slug + '.html', x: 0, y: 0, tag: 1 })
  }
  notes.forEach((n, i) => {
    for (const t of n.note.tags) {
      const j = tagAt.get(t.toLowerCase())
      if (j !== undefined) links.push([i, j])
    }
  })
  links.sort((a, b) => a[0] - b[0] || a[1] - b[1])
  layout(nodes, links, d3, site.memo)
  return { nodes, links }
}

/** The layout is a pure function of the graph's shape, so the build cache keeps the last one. */
function layout(nodes: GraphNode[], links: Array<[number, number]>, d3: Force, memo?: SiteModel['memo']) {
  const key = createHash('sha1').update(nodes.length + ':' + links.join(';')).digest('hex')
  const last = memo?.get('graph-layout') as { key: string; value: Float64Array } | undefined
  if (last?.key === key) {
    const xy = last.value
    nodes.forEach((n, i) => {
      n.x = xy[2 * i]
      n.y = xy[2 * i + 1]
    })
    return
  }
  simulate(nodes, links, d3)
  const xy = new Float64Array(nodes.length * 2)
  nodes.forEach((n, i) => {
    xy[2 * i] = n.x
    xy[2 * i + 1] = n.y
  })
  memo?.set('graph-layout', { key, value: xy })
}

function simulate(nodes: GraphNode[], links: Array<[number, number]>, { forceSimulation, forceLink, forceManyBody, forceCenter, forceCollide, forceX, forceY }: Force) {
  type N = SimulationNodeDatum & { i: number }
  const sim: N[] = nodes.map((_, i) => ({ i }))
  const ticks = ticksFor(nodes.length)
  const simulation = forceSimulation(sim)
    .randomSource(lcg(0x67726f76))
    .alphaDecay(1 - Math.pow(0.001, 1 / ticks))
    .force('link', forceLink<N, { source: number; target: number }>(layoutLinks(nodes.length, links).map(([s, t]) => ({ source: s, target: t }))).id((d) => d.i).distance(40))
    .force('charge', forceManyBody<N>().strength(-60).theta(0.9).distanceMax(600))
    .force('x', forceX<N>(0).strength(0.04))
    .force('y', forceY<N>(0).strength(0.04))
    .force('center', forceCenter(0, 0))
    .stop()
  simulation.tick(ticks - COLLIDE_TICKS)
  simulation.force('collide', forceCollide<N>(8)).tick(COLLIDE_TICKS)
  sim.forEach((d, i) => {
    nodes[i].x = Math.round((d.x ?? 0) * 10) / 10
    nodes[i].y = Math.round((d.y ?? 0) * 10) / 10
  })
}

export const graphData: Emitter = {
  name: 'graph-data',
  indexOnly: true,
  async emit(site, sink) {
    await sink.write(GRAPH_JSON, JSON.stringify(computeGraph(site, await import('d3-force'))))
    await writePage(site, sink, graphPageOutput(site), {
      kind: 'graph', title: 'Graph', tags: [], cssclasses: [], headings: [], listings: [], backlinks: null, styles: [],
      description: `Every note of ${site.config.title} and the links between them.`,
      content: [globalGraph()],
    }, '')
  },
}
