/**
 * The part of every cache key that is not content: Grove's version and code, and the config.
 * Any change to either invalidates the whole cache.
 */
import { readFile, readdir } from 'node:fs/promises'
import path from 'node:path'
import { sha1 } from './build-cache.js'
import { packageRoot, codeLayout } from '../package-root.js'
import type { SiteConfig } from '../config.js'

let codeHash: Promise<string> | undefined

async function hashTree(dir: string, h: string[]): Promise<void> {
  let entries
  try {
    entries = await readdir(dir, { withFileTypes: true })
  } catch {
    return
  }
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(dir, e.name)
    if (e.isDirectory()) await hashTree(full, h)
    else if (/\.(js|ts)$/.test(e.name)) h.push(e.name, sha1(await readFile(full)))
  }
}

/** Hash of the running code (src/ and theme/, their dist/ builds, or the bundle), so a rebuilt Grove never reuses stale results. */
function grovecode(): Promise<string> {
  codeHash ??= (async () => {
    const root = packageRoot()
    const parts: string[] = []
    // The theme's layouts shape every page: a changed template must not reuse a laid-out page.
    const layout = codeLayout()
    const code = layout === 'bundle' ? ['dist/bundle'] : layout === 'dist' ? ['dist/src', 'dist/theme'] : ['src', 'theme']
    for (const dir of code) await hashTree(path.join(root, dir), parts)
    const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { version: string }
    // The lockfile pins the parsers, highlighter and bundled assets the output depends on.
    const lock = await readFile(path.join(root, 'package-lock.json')).then(sha1, () => '')
    return sha1(pkg.version + '\0' + lock + '\0' + parts.join('\0'))
  })()
  return codeHash
}

export async function engineKey(config: SiteConfig): Promise<string> {
  return sha1((await grovecode()) + '\0' + JSON.stringify(config))
}
