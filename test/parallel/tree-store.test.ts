import { describe, it, expect } from 'vitest'
import type { Root } from 'mdast'
import { TreeStore } from '../../src/parallel/tree-store.js'

const tree = (text: string, extra: Record<string, unknown> = {}): Root => ({
  type: 'root',
  children: [{ type: 'paragraph', children: [{ type: 'text', value: text }], data: { hProperties: { id: 'p' }, ...extra } }],
})

describe('TreeStore', () => {
  it('gives back an equal tree before and after its slab is cut', () => {
    const store = new TreeStore<string>()
    const t = tree('héllo 日本語', { blockId: "x", flags: [true, null, 3.5] })
    store.set('a', t)
    expect(store.has('a')).toBe(true)
    expect(store.get('a')).toEqual(t) // still open
    store.cut()
    expect(store.get('a')).toEqual(t) // from the slab
    expect(store.has('b')).toBe(false)
    expect(store.get('b')).toBeUndefined()
  })

  it('returns a fresh copy each time, so a caller that changes a tree does not change the next one', () => {
    const store = new TreeStore<string>()
    store.set('a', tree('one'))
    store.cut()
    const first = store.get('a') as Root
    first.children.length = 0
    expect((store.get('a') as Root).children).toHaveLength(1)
  })

  it('packs many trees into shared slabs and finds each one', () => {
    const store = new TreeStore<number>()
    // ~600 trees of ~4 KB: more than one 1 MB slab, cut in the middle of the run.
    for (let i = 0; i < 600; i++) store.set(i, tree(`note ${i} `.repeat(400)))
    store.cut()
    for (const i of [0, 1, 299, 300, 599]) expect(store.get(i)).toEqual(tree(`note ${i} `.repeat(400)))
  })

  it('replaces a tree set twice and forgets deleted ones, open or cut', () => {
    const store = new TreeStore<string>()
    store.set('twice', tree('first'))
    store.set('twice', tree('second')) // both still open
    expect(store.get('twice')).toEqual(tree('second'))
    store.cut()
    expect(store.get('twice')).toEqual(tree('second'))
    store.set('a', tree('old'))
    store.cut()
    store.set('a', tree('new'))
    expect(store.get('a')).toEqual(tree('new'))
    store.cut()
    expect(store.get('a')).toEqual(tree('new'))
    store.set('b', tree('b'))
    store.delete('a')
    store.delete('b')
    expect(store.has('a') || store.has('b')).toBe(false)
    store.set('c', tree('c'))
    store.clear()
    expect(store.get('c')).toBeUndefined()
  })
})
