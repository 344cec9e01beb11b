/**
 * The search documents of one shard as files: a private temp folder that Pagefind indexes
 * (search-pagefind.ts), removed after the run. In a build with a cache, each shard's documents
 * are also kept in the cache (`search-docs/<shard>/`), so re-indexing a shard after an edit
 * reads its unchanged pages' documents back instead of laying those pages out again (at 1k
 * notes: ~150 ms of a one-note edit). A kept document counts only if its bytes have the page's
 * document hash, and Pagefind gets a copy of exactly the bytes that were checked: a stale or
 * damaged store, or another build writing it at the same time, costs a layout, never a wrong index.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, unlinkSync } from 'node:fs'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { sha1 } from '../cache/build-cache.js'

export interface ShardFolder {
  /** What Pagefind reads: this run's own folder. */
  dir: string
  /** The shard's documents kept in the build cache, when there is one. */
  store?: string
}

/** Shard `i`'s folder for one Pagefind run, with its store inside `docsDir` when there is one. */
export function shardFolder(docsDir: string | undefined, i: number): ShardFolder {
  const dir = mkdtempSync(path.join(tmpdir(), `grove-search-${process.pid}-`))
  if (!docsDir) return { dir }
  const store = path.join(docsDir, String(i))
  mkdirSync(store, { recursive: true })
  return { dir, store }
}

/** Through the thread pool: a shard's few hundred files took ~15 ms of the main thread to remove. */
export async function dropShardFolder(folder: ShardFolder): Promise<void> {
  await rm(folder.dir, { recursive: true, force: true })
}

/** A file's bytes, or undefined when it cannot be read. */
function bytesOf(file: string): Buffer | undefined {
  try {
    return readFileSync(file)
  } catch {
    return undefined
  }
}

/**
 * Writes `files` a few at a time through the thread pool, making their folders first, also
 * there: a shard's hundred-odd folders took ~80 ms of the main thread made one by one, in a
 * preview server that must answer the reload's requests meanwhile.
 */
async function writeAll(files: Array<[string, string | Uint8Array]>): Promise<void> {
  const parents = [...new Set(files.map(([file]) => path.dirname(file)))]
  await Promise.all(parents.map((p) => mkdir(p, { recursive: true })))
  let next = 0
  const writer = async () => {
    for (let i = next++; i < files.length; i = next++) await writeFile(files[i][0], files[i][1])
  }
  await Promise.all(Array.from({ length: 16 }, writer))
}

/** Removes the store's documents of pages that are no longer in the shard. */
export function pruneStore(folder: ShardFolder, outputs: Iterable<string>): void {
  if (!folder.store) return
  const wanted = new Set(outputs)
  for (const e of readdirSync(folder.store, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue
    const rel = path.relative(folder.store, path.join(e.parentPath, e.name)).split(path.sep).join('/')
    if (!wanted.has(rel)) unlinkSync(path.join(folder.store, rel))
  }
}

/**
 * Puts the documents of `want` (output → document hash) into the run's folder: those in `docs`
 * as given (and into the store), the others from the store when their bytes have the wanted
 * hash. Returns the outputs whose document is neither given nor kept: the caller lays those
 * pages out and calls again with their documents.
 */
export async function fillShardFolder(folder: ShardFolder, want: ReadonlyArray<readonly [string, string]>, docs: ReadonlyMap<string, string>): Promise<string[]> {
  const missing: string[] = []
  const writes: Array<[string, string | Uint8Array]> = []
  for (const [output, hash] of want) {
    const doc = docs.get(output)
    if (doc !== undefined) {
      writes.push([path.join(folder.dir, output), doc])
      if (folder.store) writes.push([path.join(folder.store, output), doc])
      continue
    }
    const kept = folder.store ? bytesOf(path.join(folder.store, output)) : undefined
    if (kept && sha1(kept) === hash) writes.push([path.join(folder.dir, output), kept])
    else missing.push(output)
  }
  await writeAll(writes)
  return missing
}
