/**
 * The graph: one JSON file with every published note (and tag) as a node and every resolved
 * link between published notes as an edge, with a force layout computed at build time
 * (graph-layout.ts), plus the global graph page. Local graphs on note pages read the same file on demand.
 */
import { createHash } from 'node:crypto'
import type { Emitter, SiteModel } from './emitter.js'
import { writePage } from './page-props.js'
import { globalGraph } from '../../theme/components/graph.js'
import { GRAPH_JSON, graphPageOutput } from './site-paths.js'
import { layOutGraph } from './graph-layout.js'

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

/** The graph's nodes and links, positions still zero. */
function graphOf(site: SiteModel): GraphData {
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
  return { nodes, links }
}

/** The graph with its layout. The layout is a pure function of the graph's shape, so the build cache keeps the last one. */
export async function computeGraph(site: SiteModel): Promise<GraphData> {
  const graph = graphOf(site)
  const key = createHash('sha1').update(graph.nodes.length + ':' + graph.links.join(';')).digest('hex')
  const last = site.memo?.get('graph-layout') as { key: string; value: Float64Array } | undefined
  const xy = last?.key === key ? last.value : await layOutGraph(graph.nodes.length, graph.links)
  site.memo?.set('graph-layout', { key, value: xy })
  graph.nodes.forEach((n, i) => {
    n.x = xy[2 * i]
    n.y = xy[2 * i + 1]
  })
  return graph
}

/** Graphs being laid out for a build, started by prepare() so the layout overlaps the note pages. */
const started = new WeakMap<SiteModel, Promise<GraphData>>()

export const graphData: Emitter = {
  name: 'graph-data',
  indexOnly: true,
  prepare(site) {
    const graph = computeGraph(site)
    graph.catch(() => {}) // awaited, and reported, by emit()
    started.set(site, graph)
  },
  async emit(site, sink) {
    const graph = await (started.get(site) ?? computeGraph(site))
    started.delete(site)
    await sink.write(GRAPH_JSON, JSON.stringify(graph))
    await writePage(site, sink, graphPageOutput(site), {
      kind: 'graph', title: 'Graph', tags: [], cssclasses: [], headings: [], listings: [], backlinks: null, styles: [],
      description: `Every note of ${site.config.title} and the links between them.`,
      content: [globalGraph()],
    }, '')
  },
}
