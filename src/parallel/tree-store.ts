/**
 * Parsed trees kept from parse to render, serialised (JSON as UTF-8) and packed into slabs of
 * about a megabyte. A live mdast takes about 2.5× its serialised bytes, and every node of it
 * would be promoted and then traced by each old-generation GC of a heap that grows with the
 * vault: at 10k notes the kept trees were 1 GB of the build's 2.4 GB peak. A slab is one
 * off-heap object; reading a tree back gives a fresh copy the caller owns.
 *
 * JSON rather than v8.serialize: at 1k notes v8's format cost 1.3 s more CPU per build, most of
 * it after the read-back (its objects are slower to walk); JSON.parse builds the same fast
 * objects a parser does. An mdast is plain data, so nothing is lost but `undefined` fields.
 */
import type { Root } from 'mdast'

const serialize = (tree: Root): Buffer => Buffer.from(JSON.stringify(tree), 'utf8')
const deserialize = (bytes: Buffer): Root => JSON.parse(bytes.toString('utf8')) as Root

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
    this.delete(key)
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
    if (p) return deserialize(p.slab.subarray(p.start, p.end))
    const o = this.open.find((x) => x.key === key)
    return o ? deserialize(o.bytes) : undefined
  }

  /** Forgets a tree; its slab is freed once none of its trees is kept. */
  delete(key: K): void {
    this.places.delete(key)
    const i = this.open.findIndex((o) => o.key === key)
    if (i >= 0) this.openBytes -= this.open.splice(i, 1)[0].bytes.length
  }

  clear(): void {
    this.places.clear()
    this.open = []
    this.openBytes = 0
  }
}
