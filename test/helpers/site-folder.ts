/**
 * Test helpers for builds into a folder: read a built site back, compare it with a fresh
 * in-memory build (no cache), and run a suite with small search shards.
 */
import { afterAll, beforeAll, expect } from 'vitest'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { build, type BuildResult } from '../../src/build.js'
import type { SiteConfig } from '../../src/config.js'
import { MemorySink } from '../../src/output/sink.js'

/** Every file below `dir` by site path. */
export async function readTree(dir: string, base = dir, out = new Map<string, Buffer>()): Promise<Map<string, Buffer>> {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name)
    if (e.isDirectory()) await readTree(full, base, out)
    else out.set(path.relative(base, full).split(path.sep).join('/'), await readFile(full))
  }
  return out
}

/** A cold in-memory build of `vault` with no cache: what every other build must equal. */
export async function freshBuild(vault: string, config: SiteConfig): Promise<{ result: BuildResult; files: Map<string, Buffer> }> {
  const sink = new MemorySink()
  const result = await build({ vaultDir: vault, config, sink })
  return { result, files: new Map([...sink.files].map(([f, d]) => [f, Buffer.from(d as never)])) }
}

/** The same file list and the same bytes in every file. */
export function expectSameFiles(actual: Map<string, Buffer | string | Uint8Array>, expected: Map<string, Buffer>, label = '') {
  expect([...actual.keys()].sort(), `${label} file list`).toEqual([...expected.keys()].sort())
  const differ = [...expected].filter(([f, data]) => !Buffer.from(actual.get(f) as never).equals(data)).map(([f]) => f)
  expect(differ, `${label} files that differ from a fresh build`).toEqual([])
}

/** `outDir` equals a fresh build of the vault byte for byte, and `result` has the fresh build's diagnostics. */
export async function expectFreshSite(result: BuildResult, vault: string, config: SiteConfig, outDir: string, label = '') {
  const ref = await freshBuild(vault, config)
  expectSameFiles(await readTree(outDir), ref.files, label)
  expect(result.diagnostics, `${label} diagnostics`).toEqual(ref.result.diagnostics)
  return ref
}

/** Runs the current suite with `pages` pages per search shard, so a few notes make several shards. */
export function useSearchShardPages(pages: number): void {
  let saved: string | undefined
  beforeAll(() => {
    saved = process.env.GROVE_SEARCH_SHARD_PAGES
    process.env.GROVE_SEARCH_SHARD_PAGES = String(pages)
  })
  afterAll(() => {
    if (saved === undefined) delete process.env.GROVE_SEARCH_SHARD_PAGES
    else process.env.GROVE_SEARCH_SHARD_PAGES = saved
  })
}
