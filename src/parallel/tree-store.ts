/**
 * Parsed trees kept from parse to render, serialised (v8's structured-clone format) and packed
 * into slabs of about a megabyte. A live mdast takes about 2.5× its serialised bytes, and every
 * node of it would be promoted and then traced by each old-generation GC of a heap that grows
 * with the vault: at 10k notes the kept trees were half of the build's peak memory. One buffer
 * per tree is no good either: thousands of retained ArrayBuffers slowed parsing by a third.
 * A slab is one off-heap object; reading a tree back gives a fresh copy the caller owns.
 */
import { serialize, deserialize } from 'node:v8'
import type { Root } from 'mdast'

const SLAB_BYTES = 1 << 20

interface Place {
  slab: Buffer
  start: number
  end: number
}

export class TreeStore<K> {
  private readonly places = new Map<K, Place>()
  /** Trees serialised since the last slab was cut. */
  private open: Array<{ key: K; bytes: Buffer }> = []
  private openBytes = 0

  set(key: K, tree: Root): void {
    const bytes = serialize(tree)
    this.places.delete(key)
    this.open.push({ key, bytes })
    this.openBytes += bytes.length
    if (this.openBytes >= SLAB_BYTES) this.cut()
  }

  /** Packs the trees serialised since the last cut into one slab. */
  cut(): void {
    if (this.open.length === 0) return
    const slab = Buffer.concat(this.open.map((o) => o.bytes), this.openBytes)
    let start = 0
    for (const { key, bytes } of this.open) {
      this.places.set(key, { slab, start, end: start + bytes.length })
      start += bytes.length
    }
    this.open = []
    this.openBytes = 0
  }

  has(key: K): boolean {
    return this.places.has(key) || this.open.some((o) => o.key === key)
  }

  get(key: K): Root | undefined {
    const p = this.places.get(key)
    if (p) return deserialize(p.slab.subarray(p.start, p.end)) as Root
    const o = this.open.find((x) => x.key === key)
    return o ? (deserialize(o.bytes) as Root) : undefined
  }

  /** Forgets a tree; its slab is freed once none of its trees is kept. */
  delete(key: K): void {
    this.places.delete(key)
    this.open = this.open.filter((o) => o.key !== key)
  }

  clear(): void {
    this.places.clear()
    this.open = []
    this.openBytes = 0
  }
}
