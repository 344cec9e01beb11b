import { describe, it, expect, afterEach } from 'vitest'
import { buildVault, type BuiltVault } from '../helpers/build-vault.js'
import type { GraphData } from '../../src/emit/graph-data.js'
import { layoutLinks, ticksFor } from '../../src/emit/graph-layout.js'

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

describe('graph layout cost', () => {
  it('anneals small graphs fully and big ones in far fewer ticks', () => {
    expect(ticksFor(30)).toBe(300)
    expect(ticksFor(300)).toBe(300)
    expect(ticksFor(1000)).toBeLessThanOrEqual(100)
    expect(ticksFor(10_000)).toBe(40)
  })

  it('lays out with at most 12 links per node from each end, but never cuts a node loose', () => {
    // A clique of 20 notes (19 links each) and 30 leaves hanging off note 0.
    const links: Array<[number, number]> = []
    for (let a = 0; a < 20; a++) for (let b = a + 1; b < 20; b++) links.push([a, b])
    for (let leaf = 20; leaf < 50; leaf++) links.push([leaf, 0])
    const kept = layoutLinks(50, links)
    expect(kept.length).toBeLessThan(links.length)
    const degree = new Array(50).fill(0)
    for (const [a, b] of kept) {
      degree[a]++
      degree[b]++
    }
    for (let i = 0; i < 50; i++) expect(degree[i]).toBeGreaterThanOrEqual(i < 20 ? 12 : 1)
    for (let leaf = 20; leaf < 50; leaf++) expect(kept).toContainEqual([leaf, 0])
    expect(layoutLinks(50, links)).toEqual(kept)
    // Below the cap nothing changes.
    expect(layoutLinks(3, [[0, 1], [1, 2]])).toEqual([[0, 1], [1, 2]])
  })
})
