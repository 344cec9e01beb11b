/**
 * Dependencies most builds never call, loaded on first use instead of with the bundle: KaTeX
 * (half a megabyte of code, for notes with math) and parse5 (for raw HTML, and for feeds that
 * rewrite a body). Every thread that loads the bundle compiled and ran them before: ~25 ms each
 * for the main thread and every worker, so in every one-note edit. The bundle step
 * (scripts/bundle.mjs) packs each into one file beside the bundle, `lazy/<name>.cjs`, which a
 * synchronous require loads in one read; run from tsc's output or the sources, the package
 * itself is required (Node ≥ 20.19 requires ESM synchronously).
 */
import { createRequire } from 'node:module'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)

export const LAZY_MODULES = ['rehype-katex', 'hast-util-raw', 'hast-util-from-html'] as const
export type LazyModule = (typeof LAZY_MODULES)[number]

const loaded = new Map<LazyModule, unknown>()

/** The module `name`, required the first time it is asked for. */
export function lazyRequire<T>(name: LazyModule): T {
  let mod = loaded.get(name)
  if (mod === undefined) {
    const packed = fileURLToPath(new URL(`./lazy/${name}.cjs`, import.meta.url))
    mod = existsSync(packed) ? require(packed) : require(name)
    loaded.set(name, mod)
  }
  return mod as T
}
