/**
 * The discover stage: every note and attachment of a vault, with fast-glob. Skips dot-folders
 * (.obsidian, .trash, .git), node_modules, configured ignore globs, the output directory, and
 * symlinks that lead outside the vault. Sorted, so everything after it is deterministic.
 */
import fg from 'fast-glob'
import { realpath, stat } from 'node:fs/promises'
import path from 'node:path'
import { asSourcePath, type SourcePath } from '../vault/paths.js'

export interface Discovered {
  notes: SourcePath[]
  attachments: SourcePath[]
  /** Byte size of each file (notes and attachments), to balance work between threads. */
  sizes: Map<SourcePath, number>
  /** Modification time of each file, so the cache can skip hashing unchanged files. */
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
    onlyFiles: false,
    // Symlinks are not followed: a link may point outside the vault or back into itself (a loop).
    followSymbolicLinks: false,
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
    if (e.dirent.isDirectory()) continue
    if (e.dirent.isSymbolicLink()) {
      // A symlinked file is kept only if it really lives inside the vault; symlinked folders
      // are never entered.
      try {
        const real = await realpath(path.join(vaultDir, rel))
        const inside = real.startsWith(root + path.sep)
        if (!inside || (await stat(real)).isDirectory()) {
          skipped.push(rel)
          continue
        }
      } catch {
        skipped.push(rel)
        continue
      }
    } else if (!e.dirent.isFile()) continue
    if (path.basename(rel) === 'grove.config.yaml') continue
    const source = asSourcePath(rel)
    ;(rel.toLowerCase().endsWith('.md') ? notes : attachments).push(source)
    // A symlinked file's own stat is the link's: a changed target must still count as a change.
    const s = e.dirent.isSymbolicLink() ? await stat(path.join(vaultDir, rel)) : e.stats
    sizes.set(source, s?.size ?? 0)
    mtimes.set(source, s?.mtimeMs ?? 0)
  }
  const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
  return { notes: notes.sort(byPath), attachments: attachments.sort(byPath), sizes, mtimes, skipped: skipped.sort(byPath) }
}
