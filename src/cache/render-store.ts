/**
 * The rendered bodies in the persistent cache. Their keys, features and diagnostics live in
 * cache.bin; their HTML (most of the cache: ~170 MB for 10k notes) lives in bucket files, each
 * read only when one of its bodies is first needed. A body-only build needs a handful: its
 * pages are carried over without their bodies. Buckets follow the search shards (a body's
 * bucket is its page's shard), so re-indexing one shard reads one bucket.
 *
 * A bucket file is named by the hash of its bytes and never rewritten in place: a save writes
 * the changed buckets under new names, then cache.bin, then removes what nothing names; a
 * killed save leaves the last cache whole.
 */
import { readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import v8 from 'node:v8'
import { sha1, type CachedRender } from './build-cache.js'
import { writeBucket, type BucketRef } from './bucket-map.js'
import { searchShardOf, shardCount } from '../emit/search-shards.js'

/** What cache.bin keeps of a render: all but the HTML. */
export type RenderMeta = Omit<CachedRender, 'html'>

/** Raised when a bucket file named by cache.bin cannot be read back as it was written. */
export class CacheDamaged extends Error {}

/** Bucket files on disk, loaded on first use. */
class Buckets {
  private readonly loaded = new Map<number, Map<string, string>>()
  constructor(readonly dir: string, readonly refs: BucketRef[]) {}

  get count(): number {
    return this.refs.length
  }

  html(bucket: number, source: string): string {
    let map = this.loaded.get(bucket)
    if (!map) {
      const ref = this.refs[bucket]
      try {
        const bytes = readFileSync(path.join(this.dir, ref.file))
        if (sha1(bytes) !== ref.hash) throw new Error('its bytes changed')
        map = v8.deserialize(bytes) as Map<string, string>
      } catch (e) {
        throw this.damaged(`${ref.file}: ${(e as Error).message}`, ref.file)
      }
      this.loaded.set(bucket, map)
    }
    const html = map.get(source)
    if (html === undefined) throw this.damaged(`${source} is missing from ${this.refs[bucket].file}`, this.refs[bucket].file)
    return html
  }

  /** Removes cache.bin and the bad file, so the next build starts from scratch instead of failing again. */
  private damaged(what: string, file: string): CacheDamaged {
    rmSync(path.join(this.dir, 'cache.bin'), { force: true })
    rmSync(path.join(this.dir, file), { force: true })
    return new CacheDamaged(`the build cache in ${this.dir} was damaged (${what}) and has been removed; run the build again`)
  }
}

const BUCKET = Symbol('bucket')
type Stored = CachedRender & { [BUCKET]?: number }

/** Renders by source; records which entries changed since it was loaded. */
export class RenderMap extends Map<string, CachedRender> {
  /** Buckets whose contents changed (set or deleted entries, by their old bucket). */
  private touched?: Set<number>
  private buckets?: Buckets

  override set(source: string, render: CachedRender): this {
    const old = super.get(source) as Stored | undefined
    if (old?.[BUCKET] !== undefined) this.touched?.add(old[BUCKET])
    return super.set(source, render)
  }

  override delete(source: string): boolean {
    const old = super.get(source) as Stored | undefined
    if (old?.[BUCKET] !== undefined) this.touched?.add(old[BUCKET])
    return super.delete(source)
  }

  /** The renders of a saved cache: bodies are read from their bucket when first used. */
  static lazy(dir: string, meta: Array<[string, RenderMeta & { bucket: number }]>, refs: BucketRef[]): RenderMap {
    const buckets = new Buckets(dir, refs)
    const map = new RenderMap()
    for (const [source, { bucket, ...m }] of meta) {
      const render = { ...m } as Stored
      Object.defineProperty(render, 'html', { get: () => buckets.html(bucket, source), enumerable: true })
      render[BUCKET] = bucket
      map.set(source, render)
    }
    map.buckets = buckets
    map.touched = new Set()
    return map
  }

  /**
   * Writes the buckets that changed (all of them when the bucket count changed) and returns
   * what cache.bin keeps: the metadata of every render and the bucket list.
   */
  async save(dir: string): Promise<{ meta: Array<[string, RenderMeta & { bucket: number }]>; refs: BucketRef[] }> {
    const count = shardCount(this.size)
    const bucketOf = (source: string, r: CachedRender) => searchShardOf(r.page ?? source, count)
    const reuse = this.buckets && this.buckets.dir === dir && this.buckets.count === count ? this.buckets : undefined
    const redo = new Set<number>(reuse ? this.touched : Array.from({ length: count }, (_, i) => i))
    // New or replaced entries (no bucket yet) go where their page's shard is.
    for (const [source, r] of this) if ((r as Stored)[BUCKET] === undefined) redo.add(bucketOf(source, r))
    const groups = new Map<number, Map<string, string>>([...redo].map((i) => [i, new Map()]))
    const meta: Array<[string, RenderMeta & { bucket: number }]> = []
    for (const [source, r] of this) {
      const bucket = reuse && (r as Stored)[BUCKET] !== undefined ? ((r as Stored)[BUCKET] as number) : bucketOf(source, r)
      groups.get(bucket)?.set(source, r.html)
      meta.push([source, { key: r.key, features: r.features, diagnostics: r.diagnostics, page: r.page, bucket }])
    }
    const refs: BucketRef[] = []
    for (let i = 0; i < count; i++) {
      const group = groups.get(i)
      refs.push(group ? await writeBucket(dir, 'html', group) : (reuse as Buckets).refs[i])
    }
    return { meta, refs }
  }
}
