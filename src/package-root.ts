/**
 * Grove's own install folder (the one with its package.json), found by walking up from the
 * running module. The same code runs from TypeScript sources (tests), from tsc's `dist/src/…`
 * and from the esbuild bundle in `dist/bundle/`, each at a different depth, so paths to the
 * theme's files, the lockfile and the worker entry start here instead of at `import.meta.url`.
 */
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import path from 'node:path'

let root: string | undefined

export function packageRoot(): string {
  if (root) return root
  const start = path.dirname(fileURLToPath(import.meta.url))
  for (let dir = start; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json')
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'grove') return (root = dir)
    if (path.dirname(dir) === dir) throw new Error(`Grove's package.json was not found above ${start}`)
  }
}

/** Where the running code is: `bundle` (dist/bundle), `dist` (tsc output) or `source` (TypeScript, tests). */
export function codeLayout(): 'bundle' | 'dist' | 'source' {
  const here = fileURLToPath(import.meta.url)
  if (path.basename(path.dirname(here)) === 'bundle') return 'bundle'
  return here.endsWith('.js') ? 'dist' : 'source'
}

/**
 * A worker-thread entry next to the calling module: the same folder in tsc's output and in the
 * bundle; from TypeScript sources (tests), tsc's build of it in `dist/src/<dir>/` if there is one.
 */
export function compiledEntry(callerUrl: string, dir: string, file: string): string | undefined {
  const here = fileURLToPath(callerUrl)
  if (here.endsWith('.js')) return path.join(path.dirname(here), file)
  const dist = path.join(packageRoot(), 'dist', 'src', dir, file)
  return existsSync(dist) ? dist : undefined
}
