/**
 * The no-op shortcut of `grove build`: a stamp of the last committed build (its inputs' stats,
 * Grove's code and config, the files it left in the output folder, and its diagnostics). When
 * nothing of that has changed, the build's output would be byte-identical to what is on disk,
 * so the CLI reprints the stamp's report instead of building. This module stays light (no
 * Markdown, no theme) because it runs before the build pipeline is even loaded.
 */
import { readFile, rename, writeFile, mkdir, stat } from 'node:fs/promises'
import path from 'node:path'
import fg from 'fast-glob'
import type { Diagnostic } from '../report/messages.js'
import { discover, type Discovered } from '../stages/discover.js'
import type { SiteConfig } from '../config.js'
import { engineKey } from './engine-key.js'
import type { OutputRecord } from '../output/sink.js'
import { sha1 } from './build-cache.js'
import { THEME_ASSETS, THEME_DIR } from '../../theme/assets.js'

export interface BuildStamp {
  /** Hash of everything the output is a function of (see fingerprint). */
  fingerprint: string
  /** Files were changed during the build if their mtime is at or after this (Date.now()). */
  startedAt: number
  outDir: string
  /** Every output file with the size and mtime it had when the build committed. */
  outputs: Array<[string, number, number]>
  diagnostics: Diagnostic[]
  notes: number
  published: number
  pages: number
}

const FILE = 'stamp.json'

/** Stats of the theme's assets: they are read at build time, so editing one changes the site. */
async function themeStats(): Promise<string[]> {
  return Promise.all(
    THEME_ASSETS.map(async (a) => {
      const s = await stat(path.join(THEME_DIR, a.file)).catch(() => undefined)
      return `${a.file}\0${s?.size}\0${s?.mtimeMs}`
    }),
  )
}

/** Hash of the inputs of a build: engine key (code + config), output folder, vault and theme files. */
export async function fingerprint(engine: string, outDir: string, found: Discovered): Promise<string> {
  const h = [engine, outDir, ...found.skipped]
  for (const s of [...found.notes, ...found.attachments]) h.push(`${s}\0${found.sizes.get(s)}\0${found.mtimes.get(s)}`)
  h.push(...(await themeStats()))
  return sha1(h.join('\n'))
}

/** Newest mtime among the vault's files, to tell whether one changed while a build ran. */
export function newestInput(found: Discovered): number {
  let max = 0
  for (const m of found.mtimes.values()) if (m > max) max = m
  return max
}

export async function loadStamp(cacheDir: string): Promise<BuildStamp | undefined> {
  try {
    return JSON.parse(await readFile(path.join(cacheDir, FILE), 'utf8')) as BuildStamp
  } catch {
    return undefined
  }
}

export async function saveStamp(cacheDir: string, stamp: BuildStamp): Promise<void> {
  await mkdir(cacheDir, { recursive: true })
  const tmp = path.join(cacheDir, `${FILE}.${process.pid}.tmp`)
  await writeFile(tmp, JSON.stringify(stamp))
  await rename(tmp, path.join(cacheDir, FILE))
}

export function stampOutputs(records: ReadonlyMap<string, OutputRecord>): BuildStamp['outputs'] {
  return [...records].map(([file, r]) => [file, r.size, r.mtimeMs] as [string, number, number]).sort((a, b) => (a[0] < b[0] ? -1 : 1))
}

/** True when the output folder holds exactly the stamp's files, none touched since. */
export async function outputsIntact(stamp: BuildStamp): Promise<boolean> {
  let names: string[]
  try {
    names = await fg('**/*', { cwd: stamp.outDir, dot: true, onlyFiles: true })
  } catch {
    return false
  }
  if (names.length !== stamp.outputs.length) return false
  const want = new Map(stamp.outputs.map(([f, size, mtimeMs]) => [f, { size, mtimeMs }]))
  if (names.some((n) => !want.has(n))) return false
  const checks = await Promise.all(
    stamp.outputs.map(async ([f, size, mtimeMs]) => {
      try {
        const s = await stat(path.join(stamp.outDir, f))
        return s.size === size && s.mtimeMs === mtimeMs
      } catch {
        return false
      }
    }),
  )
  return checks.every(Boolean)
}

/**
 * The stamp of the last build into `outDir`, if building again would change nothing: same code,
 * config and theme, same vault files (none modified since that build started), and the output
 * folder exactly as that build left it. Either way the vault's discovery is returned, so the
 * build that follows does not walk the vault again.
 */
export async function unchangedBuild(vaultDir: string, config: SiteConfig, outDir: string, cacheDir: string): Promise<{ stamp?: BuildStamp; discovered: Discovery }> {
  const startedAt = Date.now()
  const found = await discover(vaultDir, config.ignore, outDir)
  const discovered = { found, startedAt }
  const stamp = await loadStamp(cacheDir)
  if (!stamp || stamp.outDir !== outDir || newestInput(found) >= stamp.startedAt) return { discovered }
  if ((await fingerprint(await engineKey(config), outDir, found)) !== stamp.fingerprint) return { discovered }
  return { stamp: (await outputsIntact(stamp)) ? stamp : undefined, discovered }
}

/** A vault's discovery and when it began (a file modified after that may have been read stale). */
export interface Discovery {
  found: Discovered
  startedAt: number
}
