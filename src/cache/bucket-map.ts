/**
 * A cache map saved as bucket files, so a save writes only the buckets whose entries changed
 * (one note edited: one bucket of notes, not the 45 MB of all 10k summaries). Every bucket is
 * read at load. Bucket files, here and for the rendered HTML (render-store.ts), are named by the
 * hash of their bytes: cache.bin names the current ones, and nothing is rewritten in place.
 */
import { statSync } from 'node:fs'
import { readFile, readdir, rm, writeFile, stat } from 'node:fs/promises'
import path from 'node:path'
import v8 from 'node:v8'
import { sha1 } from './build-cache.js'

/** One bucket file as cache.bin names it. */
export interface BucketRef {
  file: string
  size: number
  hash: string
}

/** Writes one bucket (`prefix-<hash>.bin`, entries sorted by key) unless that file is already there. */
export async function writeBucket(dir: string, prefix: string, entries: Iterable<[string, unknown]>): Promise<BucketRef> {
  const bytes = v8.serialize(new Map([...entries].sort(([a], [b]) => (a < b ? -1 : 1))))
  const hash = sha1(bytes)
  const file = `${prefix}-${hash.slice(0, 20)}.bin`
  const present = await stat(path.join(dir, file)).then((s) => s.size === bytes.length, () => false)
  if (!present) await writeFile(path.join(dir, file), bytes)
  return { file, size: bytes.length, hash }
}

/** Whether every bucket cache.bin names is there with its size (a cheap check at load). */
export function bucketsPresent(dir: string, refs: BucketRef[]): boolean {
  try {
    return refs.every((r) => statSync(path.join(dir, r.file)).size === r.size)
  } catch {
    return false
  }
}

const BUCKET_FILE = /^(html|notes|checks)-[0-9a-f]+\.bin$/

/** Removes bucket files (of renders, notes and checks) that the saved cache no longer names; all of them without `refs`. */
export async function pruneBuckets(dir: string, refs: BucketRef[] = []): Promise<void> {
  const keep = new Set(refs.map((r) => r.file))
  for (const name of await readdir(dir).catch(() => [] as string[])) if (BUCKET_FILE.test(name) && !keep.has(name)) await rm(path.join(dir, name), { force: true })
}

const BUCKETS = 16

/** FNV-1a: a key's bucket, stable across runs. */
function bucketOf(key: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193)
  return (h >>> 0) % BUCKETS
}

export class BucketMap<V> extends Map<string, V> {
  /** Buckets changed since load; undefined when not loaded from files (all are written). */
  private touched?: Set<number>
  private refs?: BucketRef[]
  private dir?: string

  override set(key: string, value: V): this {
    this.touched?.add(bucketOf(key))
    return super.set(key, value)
  }

  override delete(key: string): boolean {
    this.touched?.add(bucketOf(key))
    return super.delete(key)
  }

  /** `decode` turns a stored value back into the map's (see note-codec.ts). */
  static async load<V>(dir: string, refs: unknown, decode?: (stored: unknown) => V): Promise<BucketMap<V> | undefined> {
    if (!Array.isArray(refs) || refs.length !== BUCKETS) return undefined
    const parts = await Promise.all((refs as BucketRef[]).map(async (r) => {
      const bytes = await readFile(path.join(dir, r.file))
      if (bytes.length !== r.size) throw new Error(`${r.file} has the wrong size`)
      return v8.deserialize(bytes) as Map<string, V>
    }))
    const map = new BucketMap<V>()
    for (const part of parts) {
      if (!(part instanceof Map)) return undefined
      for (const [k, v] of part) map.set(k, decode ? decode(v) : v)
    }
    map.refs = refs as BucketRef[]
    map.dir = dir
    map.touched = new Set()
    return map
  }

  /** Writes the changed buckets (`prefix-<hash>.bin`, values through `encode`) and returns the list cache.bin keeps. */
  async save(dir: string, prefix: string, encode?: (value: V) => unknown): Promise<BucketRef[]> {
    const groups = new Map<number, Array<[string, unknown]>>()
    // Untouched buckets keep their files only in the folder they were loaded from.
    const redo = (i: number) => !this.refs || !this.touched || this.dir !== dir || this.touched.has(i)
    for (let i = 0; i < BUCKETS; i++) if (redo(i)) groups.set(i, [])
    for (const [k, v] of this) groups.get(bucketOf(k))?.push([k, encode ? encode(v) : v])
    const refs: BucketRef[] = []
    for (let i = 0; i < BUCKETS; i++) {
      const group = groups.get(i)
      refs.push(group ? await writeBucket(dir, prefix, group) : (this.refs as BucketRef[])[i])
    }
    return refs
  }
}
