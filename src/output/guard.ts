/**
 * Refuses output directories that would destroy the author's files when swapped in: the vault
 * itself, a folder containing the vault (its parent, `/`), or the home folder.
 */
import path from 'node:path'
import os from 'node:os'

export function outDirProblem(vaultDir: string, outDir: string): string | undefined {
  const vault = path.resolve(vaultDir)
  const out = path.resolve(outDir)
  if (out === path.parse(out).root) return `the output directory is the filesystem root (${out})`
  if (out === path.resolve(os.homedir())) return `the output directory is your home folder (${out})`
  if (out === vault) return `the output directory is the vault itself (${out})`
  const rel = path.relative(out, vault)
  if (!rel.startsWith('..') && !path.isAbsolute(rel)) return `the output directory ${out} contains the vault ${vault}`
  return undefined
}
