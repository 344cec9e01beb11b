/**
 * The persistent build cache (default `node_modules/.cache/grove/<vault-hash>/` under the working
 * directory; `--no-cache` skips it). It holds, per note, the file's stat and content hash, its
 * parse summary and diagnostics, and its rendered body under a render key that covers everything
 * the body depends on. An unreadable, corrupted or other-version cache is ignored and rebuilt.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { createHash } from 'node:crypto'
import path from 'node:path'
import v8 from 'node:v8'
import type { ContentHtml } from '../stages/content-html.js'
import type { Diagnostic } from '../report/messages.js'
import type { NoteSummary } from '../vault/vault-index.js'
import type { OutputRecord } from '../output/sink.js'
import type { BuildShape } from './build-shape.js'
import { RenderMap, type RenderMeta } from './render-store.js'
import { BucketMap, bucketsPresent, pruneBuckets, type BucketRef } from './bucket-map.js'
import { encodeNote, decodeNote } from './note-codec.js'

export interface CachedNote {
  size: number
  mtimeMs: number
  hash: string
  summary: NoteSummary | null
  diagnostics: Diagnostic[]
}

export interface CachedRender extends ContentHtml {
  key: string
  diagnostics: Diagnostic[]
  /** The note's page, which decides the bucket its HTML is saved in (see render-store.ts). */
  page?: string
}

/** A note's link check: replayed while its key (text + the names it can link to) is unchanged. */
export interface CachedCheck {
  key: string
  notes: string[]
  attachments: string[]
  diagnostics: Diagnostic[]
}

export interface CacheData {
  engine: string
  notes: Map<string, CachedNote>
  renders: Map<string, CachedRender>
  checks: Map<string, CachedCheck>
  /** The files of the last committed build into `outDir`, so the next build can keep them. */
  outputs: Map<string, OutputRecord>
  outDir?: string
  /** When the cache was saved (Date.now()); only used to detect racily-clean files. */
  savedAt: number
  /** Laid-out pages by output path: their props hash and output hash (the HTML only in memory). */
  pages: Map<string, PageMemo>
  /** Results of vault-wide emitters keyed by their own input hash (graph layout, search index). */
  memo: Map<string, { key: string; value: unknown }>
  /** What the last committed build was made of, for body-only builds (see build-shape.ts). */
  shape?: BuildShape
}

export interface PageMemo {
  /** Hash of the page's props. */
  key: string
  /** Hash of the page's bytes, to keep the previous build's file (see Sink.keep). */
  hash: string
  /** The page itself, kept by in-memory sessions. */
  html?: string
  /** The page as handed to the search indexer, if it is indexed. */
  search?: string
  /** Hash of that document for note pages ('' when there is none), for pages kept as files. */
  searchHash?: string
}

const FORMAT = 6

export const sha1 = (data: string | Uint8Array) => createHash('sha1').update(data).digest('hex')

/** Where the cache of a vault lives by default. */
export function defaultCacheDir(vaultDir: string, cwd = process.cwd()): string {
  return path.join(cwd, 'node_modules', '.cache', 'grove', sha1(path.resolve(vaultDir)).slice(0, 16))
}

export function emptyCache(engine: string): CacheData {
  return { engine, notes: new BucketMap(), renders: new RenderMap(), checks: new BucketMap(), outputs: new Map(), savedAt: 0, pages: new Map(), memo: new Map(), shape: undefined }
}

export async function loadCache(dir: string, engine: string): Promise<CacheData> {
  try {
    type Saved = { format: number; renderMeta: Array<[string, RenderMeta & { bucket: number }]>; htmlBuckets: BucketRef[]; noteBuckets: unknown; checkBuckets: unknown } & CacheData
    const raw = v8.deserialize(await readFile(path.join(dir, 'cache.bin'))) as Saved
    if (raw.format !== FORMAT || raw.engine !== engine || !Array.isArray(raw.renderMeta) || !Array.isArray(raw.htmlBuckets)) return emptyCache(engine)
    if (!bucketsPresent(dir, raw.htmlBuckets)) throw new Error('an html bucket is missing')
    const [notes, checks] = await Promise.all([BucketMap.load<CachedNote>(dir, raw.noteBuckets, decodeNote), BucketMap.load<CachedCheck>(dir, raw.checkBuckets)])
    if (!notes || !checks) throw new Error('a bucket holds no map')
    return {
      engine,
      notes,
      renders: RenderMap.lazy(dir, raw.renderMeta, raw.htmlBuckets),
      checks,
      outputs: raw.outputs instanceof Map ? raw.outputs : new Map(),
      outDir: raw.outDir,
      savedAt: Number(raw.savedAt) || 0,
      pages: raw.pages instanceof Map ? raw.pages : new Map(),
      memo: raw.memo instanceof Map ? raw.memo : new Map(),
      shape: raw.shape && raw.shape.attachments instanceof Map && raw.shape.emitted instanceof Map ? raw.shape : undefined,
    }
  } catch {
    // A bucket that cannot be read must not be named again by the next save (same bytes, same
    // name): none of the old files is kept.
    await pruneBuckets(dir)
    return emptyCache(engine)
  }
}

/** The bucket files of a save (see saveBuckets) and what cache.bin keeps of them. */
export interface SavedBuckets {
  meta: Array<[string, RenderMeta & { bucket: number }]>
  refs: BucketRef[]
  noteBuckets: BucketRef[]
  checkBuckets: BucketRef[]
}

/**
 * Writes the changed buckets of rendered HTML, notes and link checks (render-store.ts,
 * bucket-map.ts). They are final once the render stage is done, so a build saves them while its
 * search index is still running, and saveCache only writes cache.bin. A build that then fails
 * leaves bucket files nothing names, which the next save removes.
 */
export async function saveBuckets(dir: string, data: CacheData): Promise<SavedBuckets> {
  await mkdir(dir, { recursive: true })
  const renders = data.renders instanceof RenderMap ? data.renders : new RenderMap(data.renders)
  const { meta, refs } = await renders.save(dir)
  const noteBuckets = await (data.notes instanceof BucketMap ? data.notes : new BucketMap(data.notes)).save(dir, 'notes', encodeNote)
  const checkBuckets = await (data.checks instanceof BucketMap ? data.checks : new BucketMap(data.checks)).save(dir, 'checks')
  return { meta, refs, noteBuckets, checkBuckets }
}

/**
 * Written to a temp file and renamed, so a killed build never leaves a half-written cache; the
 * buckets go first (saveBuckets, unless the caller already saved them), and only changed
 * buckets are written.
 */
export async function saveCache(dir: string, data: CacheData, saved?: SavedBuckets): Promise<void> {
  const { meta, refs, noteBuckets, checkBuckets } = saved ?? (await saveBuckets(dir, data))
  const tmp = path.join(dir, `cache.bin.${process.pid}.tmp`)
  // Only the hashes of pages are saved; their HTML is the output itself.
  const pages = new Map([...data.pages].map(([k, p]) => [k, { key: p.key, hash: p.hash, searchHash: p.searchHash }]))
  await writeFile(tmp, v8.serialize({ format: FORMAT, ...data, notes: undefined, checks: undefined, renders: undefined, renderMeta: meta, htmlBuckets: refs, noteBuckets, checkBuckets, pages, savedAt: Date.now() }))
  await rename(tmp, path.join(dir, 'cache.bin'))
  await pruneBuckets(dir, [...refs, ...noteBuckets, ...checkBuckets])
}
