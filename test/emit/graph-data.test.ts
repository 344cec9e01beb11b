import { describe, it, expect, afterEach } from 'vitest'
import { buildVault, type BuiltVault } from '../helpers/build-vault.js'
import type { GraphData } from '../../src/emit/graph-data.js'

let v: BuiltVault | undefined
afterEach(async () => {
  await v?.cleanup()
  v = undefined
})

const graphOf = (v: BuiltVault) => JSON.parse(v.sink.text('_grove/graph.json') as string) as GraphData
const edges = (g: GraphData) => g.links.map(([a, b]) => `${g.nodes[a].t}->${g.nodes[b].t}`).sort()

describe('graph data', () => {
  it('has a node per published note and an edge per resolved link, never drafts', async () => {
    v = await buildVault({
      'a.md': '[[b]] [[b#Heading]] [[missing]] [[draft]]',
      'b.md': '# Heading\n[[a]] [[c]]',
      'c.md': 'no links',
      'draft.md': '---\ndraft: true\n---\n[[a]] secret',
    })
    const g = graphOf(v)
    expect(g.nodes.filter((n) => !n.tag).map((n) => n.t)).toEqual(['a', 'b', 'c'])
    expect(edges(g)).toEqual(['a->b', 'b->a', 'b->c'])
    expect(JSON.stringify(g)).not.toContain('draft')
    expect(JSON.stringify(g)).not.toContain('secret')
  })

  it('adds tag nodes linked from their notes', async () => {
    v = await buildVault({ 'a.md': '#topic', 'b.md': '---\ntags: [topic]\n---\nx' })
    const g = graphOf(v)
    expect(g.nodes.filter((n) => n.tag).map((n) => [n.t, n.u])).toEqual([['#topic', 'tags/topic.html']])
    expect(edges(g)).toEqual(['a->#topic', 'b->#topic'])
  })

  it('precomputes finite positions, identically on every build', async () => {
    const files = { 'a.md': '[[b]] [[c]]', 'b.md': '[[c]]', 'c.md': '[[a]]', 'd.md': 'alone' }
    v = await buildVault(files)
    const first = v.sink.text('_grove/graph.json')
    const g = graphOf(v)
    for (const n of g.nodes) expect(Number.isFinite(n.x) && Number.isFinite(n.y)).toBe(true)
    expect(new Set(g.nodes.map((n) => `${n.x},${n.y}`)).size).toBe(g.nodes.length)
    await v.cleanup()
    v = await buildVault(files)
    expect(v.sink.text('_grove/graph.json')).toBe(first)
  })

  it('writes a global graph page linking to the data', async () => {
    v = await buildVault({ 'a.md': 'x' })
    expect(v.html('graph.html')).toContain('data-graph="global"')
    expect(v.html('a.html')).toContain('href="graph.html"')
  })

  it('moves the graph page aside when a note owns graph.html', async () => {
    v = await buildVault({ 'graph.md': 'my graph theory note' })
    expect(v.html('graph.html')).toContain('my graph theory note')
    expect(v.html('_grove/graph.html')).toContain('data-graph="global"')
  })
})
