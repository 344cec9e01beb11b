/**
 * The discover stage: every note and attachment of a vault, with fast-glob. Skips dot-folders
 * (.obsidian, .trash, .git), node_modules, configured ignore globs, the output directory, and
 * symlinks that lead outside the vault. Sorted, so everything after it is deterministic.
 */
import fg from 'fast-glob'
import { realpath } from 'node:fs/promises'
import path from 'node:path'
import { asSourcePath, type SourcePath } from '../vault/paths.js'

export interface Discovered {
  notes: SourcePath[]
  attachments: SourcePath[]
  /** Byte size of each note, to balance work between threads. */
  sizes: Map<SourcePath, number>
  /** Modification time of each note, so the cache can skip hashing unchanged files. */
  mtimes: Map<SourcePath, number>
  /** Paths skipped for safety (symlinks out of the vault), for warnings. */
  skipped: string[]
}

export async function discover(vaultDir: string, ignore: string[], outDir?: string): Promise<Discovered> {
  const root = await realpath(vaultDir)
  const extraIgnore: string[] = []
  if (outDir) {
    const rel = path.relative(path.resolve(vaultDir), path.resolve(outDir))
    if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) extraIgnore.push(rel.split(path.sep).join('/') + '/**')
  }
  const entries = await fg('**/*', {
    cwd: vaultDir,
    dot: false,
    onlyFiles: true,
    followSymbolicLinks: true,
    suppressErrors: true,
    objectMode: true,
    stats: true,
    ignore: ['**/node_modules/**', '**/.*/**', ...ignore, ...extraIgnore],
  })
  const notes: SourcePath[] = []
  const attachments: SourcePath[] = []
  const skipped: string[] = []
  const sizes = new Map<SourcePath, number>()
  const mtimes = new Map<SourcePath, number>()
  for (const e of entries) {
    const rel = e.path
    // A symlink (or a file under a symlinked folder) may point anywhere: keep it only if its
    // real location is inside the vault.
    try {
      const real = await realpath(path.join(vaultDir, rel))
      if (real !== root && !real.startsWith(root + path.sep)) {
        skipped.push(rel)
        continue
      }
    } catch {
      skipped.push(rel)
      continue
    }
    if (rel.toLowerCase().endsWith('.md')) {
      notes.push(asSourcePath(rel))
      sizes.set(asSourcePath(rel), e.stats?.size ?? 0)
      mtimes.set(asSourcePath(rel), e.stats?.mtimeMs ?? 0)
    }
    else if (path.basename(rel) !== 'grove.config.yaml') attachments.push(asSourcePath(rel))
  }
  const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
  return { notes: notes.sort(byPath), attachments: attachments.sort(byPath), sizes, mtimes, skipped: skipped.sort(byPath) }
}
