/**
 * How the search index is split into shards, so that an edit re-indexes only the pages of one
 * shard. Pure functions of the output paths: the same vault always gives the same shards.
 *
 * Layout under `_grove/pagefind/`:
 * - shard 0, the primary: Pagefind's JS, worker and WebAssembly, plus its own index data;
 * - shard i > 0 in `s<i>/`: index data only (entry, meta, index, fragment and filter files),
 *   since merged indexes run on the primary's WebAssembly;
 * - `shards.json`: `{"merge":["s1/",…]}`, the shards the client merges into the primary.
 * A vault of up to 80 pages has one shard and an empty merge list: the single index of old.
 */
import { createHash } from 'node:crypto'

/**
 * Pages per shard. Re-indexing a shard costs Pagefind ~1.3 ms a page plus the layout of its
 * kept pages, and it is most of a one-note edit's build; more shards mean more small requests
 * when a search starts (two per shard). 60 pages: ~0.2 s per edit on the 1k-note bench vault
 * (0.4 s at 150), 17 shards there; from about 3,800 pages on, the cap of 64 decides.
 */
const PAGES_PER_SHARD = 60
const MAX_SHARDS = 64

/** GROVE_SEARCH_SHARD_PAGES lowers the shard size; only for tests, which need several shards from a few pages. */
function pagesPerShard(): number {
  const env = Number(process.env.GROVE_SEARCH_SHARD_PAGES)
  return Number.isInteger(env) && env > 0 ? env : PAGES_PER_SHARD
}

/** Shards for a site of `pages` indexed pages: 1 up to a third over the shard size, then about one per shard size, capped. */
export function shardCount(pages: number, per = pagesPerShard()): number {
  if (pages <= per + Math.floor(per / 3)) return 1
  return Math.min(MAX_SHARDS, Math.ceil(pages / per))
}

/**
 * Each output path's first four sha1 bytes, remembered: a preview session plans the shards of
 * every page again on each update (10k sha1s, ~15 ms). Bounded; a pure function of the path.
 */
const pathHashes = new Map<string, number>()
const PATH_HASH_LIMIT = 200_000

/** The shard of a page: the first four bytes of the sha1 of its output path, mod the shard count. */
export function searchShardOf(output: string, shards: number): number {
  if (shards <= 1) return 0
  let h = pathHashes.get(output)
  if (h === undefined) {
    if (pathHashes.size >= PATH_HASH_LIMIT) pathHashes.clear()
    pathHashes.set(output, (h = createHash('sha1').update(output).digest().readUInt32BE(0)))
  }
  return h % shards
}

/** The folder of shard `i` inside `_grove/pagefind/`: '' for the primary, `s<i>/` for the others. */
export const shardDir = (i: number): string => (i === 0 ? '' : `s${i}/`)

export const SHARDS_MANIFEST = 'shards.json'

/**
 * The pages of each shard, sorted. If the primary would be empty (only possible with contrived
 * names), everything goes into one index: the client needs the primary to carry the WebAssembly.
 */
export function planShards(outputs: Iterable<string>): string[][] {
  const all = [...outputs].sort()
  const n = shardCount(all.length)
  const shards: string[][] = Array.from({ length: n }, () => [])
  for (const o of all) shards[searchShardOf(o, n)].push(o)
  return n > 1 && shards[0].length === 0 ? [all] : shards
}

export { sha1 } from '../cache/build-cache.js'

/**
 * The memo key of a shard: a hash over its sorted `output + '\0' + sha1(doc)` pairs (and whether
 * it is the primary, which also carries the JS bundle), so it can be computed from per-page doc
 * hashes without the documents themselves.
 */
export function shardKey(primary: boolean, docHashes: Iterable<[output: string, docSha1: string]>): string {
  const h = createHash('sha1').update(primary ? 'primary\n' : 'merged\n')
  for (const [output, doc] of [...docHashes].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) h.update(output + '\0' + doc + '\n')
  return h.digest('hex')
}
