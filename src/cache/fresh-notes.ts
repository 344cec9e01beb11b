/**
 * Which notes must be parsed again: a note whose size and mtime match the cache (and was not
 * modified within the cache's "racy" window) keeps its cached hash; otherwise it is read and
 * hashed, and parsed only if the hash changed. Returns the content hash of every note.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { CacheData, CachedNote } from './build-cache.js'
import { sha1 } from './build-cache.js'
import type { SourcePath } from '../vault/paths.js'

export interface FreshnessPlan {
  hashes: Map<SourcePath, string>
  /** Cached parse results that are still valid. */
  reused: Map<SourcePath, CachedNote>
  toParse: SourcePath[]
}

export async function planParse(vaultDir: string, notes: SourcePath[], sizes: Map<SourcePath, number>, mtimes: Map<SourcePath, number>, cache: CacheData, savedAt: number): Promise<FreshnessPlan> {
  const hashes = new Map<SourcePath, string>()
  const reused = new Map<SourcePath, CachedNote>()
  const toParse: SourcePath[] = []
  // Most notes are unchanged: checked in one synchronous pass; only the others are read.
  const suspects: SourcePath[] = []
  for (const source of notes) {
    const cached = cache.notes.get(source)
    const mtimeMs = mtimes.get(source) ?? -1
    // A file changed within 2 s of the last save could change again without its mtime moving.
    if (cached && cached.size === (sizes.get(source) ?? -1) && cached.mtimeMs === mtimeMs && mtimeMs < savedAt - 2000) {
      hashes.set(source, cached.hash)
      reused.set(source, cached)
    } else suspects.push(source)
  }
  await Promise.all(suspects.map(async (source) => {
    const cached = cache.notes.get(source)
    let hash: string
    try {
      hash = sha1(await readFile(path.join(vaultDir, source)))
    } catch {
      hash = 'unreadable'
    }
    hashes.set(source, hash)
    if (cached && cached.hash === hash) reused.set(source, { ...cached, size: sizes.get(source) ?? -1, mtimeMs: mtimes.get(source) ?? -1 })
    else toParse.push(source)
  }))
  toParse.sort()
  return { hashes, reused, toParse }
}
