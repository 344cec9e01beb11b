/**
 * The search documents of one shard as files: the folder Pagefind indexes (search-pagefind.ts).
 * In a build with a cache the folders live there (`search-docs/<shard>/`) and outlast the build,
 * so re-indexing a shard after an edit writes the edited pages' documents and reads the others
 * back, instead of laying every page of the shard out again (at 1k notes: ~150 ms of a one-note
 * edit). A kept file counts only if its bytes have the page's document hash: a stale or damaged
 * folder costs a layout, never a wrong index. Without a cache the folder is temporary.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, unlinkSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { sha1 } from '../cache/build-cache.js'

export interface ShardFolder {
  dir: string
  temporary: boolean
}

/** Shard `i`'s folder: inside `docsDir` when there is one, else a new temp folder. */
export function shardFolder(docsDir: string | undefined, i: number): ShardFolder {
  if (!docsDir) return { dir: mkdtempSync(path.join(tmpdir(), `grove-search-${process.pid}-`)), temporary: true }
  const dir = path.join(docsDir, String(i))
  mkdirSync(dir, { recursive: true })
  return { dir, temporary: false }
}

export function dropShardFolder(folder: ShardFolder): void {
  if (folder.temporary) rmSync(folder.dir, { recursive: true, force: true })
}

/** The sha1 of a file's bytes, or undefined when it cannot be read. */
function fileHash(file: string): string | undefined {
  try {
    return sha1(readFileSync(file))
  } catch {
    return undefined
  }
}

/**
 * Makes the folder hold exactly the documents of `want` (output → document hash) and nothing
 * else. A document in `docs` is written unless its file already has its bytes; any other is kept
 * when its file has the wanted hash. Returns the outputs whose document is neither given nor on
 * disk: the caller lays those pages out and syncs again.
 */
export async function syncShardFolder(folder: ShardFolder, want: ReadonlyArray<readonly [string, string]>, docs: ReadonlyMap<string, string>): Promise<string[]> {
  const wanted = new Set(want.map(([o]) => o))
  if (!folder.temporary) {
    for (const e of readdirSync(folder.dir, { recursive: true, withFileTypes: true })) {
      if (!e.isFile()) continue
      const rel = path.relative(folder.dir, path.join(e.parentPath, e.name)).split(path.sep).join('/')
      if (!wanted.has(rel)) unlinkSync(path.join(folder.dir, rel))
    }
  }
  const missing: string[] = []
  const writes: Array<[string, string]> = []
  const made = new Set<string>()
  for (const [output, hash] of want) {
    const file = path.join(folder.dir, output)
    const doc = docs.get(output)
    const onDisk = folder.temporary ? undefined : fileHash(file)
    if (doc === undefined) {
      if (onDisk !== hash) missing.push(output)
      continue
    }
    if (onDisk === hash) continue
    const parent = path.dirname(file)
    if (!made.has(parent)) {
      mkdirSync(parent, { recursive: true })
      made.add(parent)
    }
    writes.push([file, doc])
  }
  // A few writes at a time through the thread pool: a cold build writes every page's document.
  let next = 0
  const writer = async () => {
    for (let i = next++; i < writes.length; i = next++) await writeFile(writes[i][0], writes[i][1])
  }
  await Promise.all(Array.from({ length: 16 }, writer))
  return missing
}
