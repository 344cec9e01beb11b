// Bundles the compiled CLI and worker entries (dist/src) into dist/bundle with esbuild. Node 20
// loads hundreds of small ESM files one by one (~230 ms before a build can start, in the main
// thread and again in each worker); one bundle with shared chunks loads in a fraction of that.
// Left outside: Pagefind (it starts its own process and is loaded once per indexing lane) and
// Shiki (required lazily, grammar by grammar). The modules of src/lazy-require.ts (KaTeX, parse5)
// are packed one file each into dist/bundle/lazy/, loaded only by a build that needs them.
// Hot loops of a few dependencies are patched on the way in (scripts/hot-patches.mjs).
// bin/grove.js runs dist/src when there is no bundle.
import * as esbuild from 'esbuild'
import { readFileSync, readdirSync, rmSync } from 'node:fs'
import { hotPatches } from './hot-patches.mjs'

// The list lives in the source; read from tsc's output so the two cannot drift apart.
const { LAZY_MODULES } = await import('../dist/src/lazy-require.js')
const banner = { js: "import { createRequire as __groveCreateRequire } from 'node:module'; const require = __groveCreateRequire(import.meta.url);" }

rmSync('dist/bundle', { recursive: true, force: true })
await esbuild.build({
  entryPoints: { cli: 'dist/src/cli.js', 'worker-thread': 'dist/src/parallel/worker-thread.js', 'graph-layout-worker': 'dist/src/emit/graph-layout-worker.js' },
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['pagefind', 'shiki', 'shiki/*', '@shikijs/*', ...LAZY_MODULES],
  // CommonJS dependencies (gray-matter, fast-glob, …) call require(); ESM has none of its own.
  banner,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [hotPatches()],
})
for (const name of LAZY_MODULES) {
  await esbuild.build({
    entryPoints: [name],
    outfile: `dist/bundle/lazy/${name}.cjs`,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    legalComments: 'none',
    logLevel: 'warning',
  })
}
// A lazy module must not have been bundled into a chunk anyway (a static import would do that).
for (const chunk of readdirSync('dist/bundle').filter((f) => f.endsWith('.js'))) {
  const text = readFileSync(`dist/bundle/${chunk}`, 'utf8')
  for (const name of LAZY_MODULES) if (text.includes(`from "${name}"`)) throw new Error(`${name} is imported statically by ${chunk}`)
}
