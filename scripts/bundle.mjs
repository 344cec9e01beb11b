// Bundles the compiled CLI and worker entries (dist/src) into dist/bundle with esbuild. Node 20
// loads hundreds of small ESM files one by one (~230 ms before a build can start, in the main
// thread and again in every worker); one bundle with shared chunks loads in a fraction of that.
// Left outside: Pagefind (it starts its own process and is loaded once per indexing lane) and
// Shiki (required lazily, grammar by grammar). bin/grove.js runs dist/src when there is no bundle.
import * as esbuild from 'esbuild'
import { rmSync } from 'node:fs'

rmSync('dist/bundle', { recursive: true, force: true })
await esbuild.build({
  entryPoints: { cli: 'dist/src/cli.js', 'worker-thread': 'dist/src/parallel/worker-thread.js', 'graph-layout-worker': 'dist/src/emit/graph-layout-worker.js' },
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['pagefind', 'shiki', 'shiki/*', '@shikijs/*'],
  // CommonJS dependencies (gray-matter, fast-glob, …) call require(); ESM has none of its own.
  banner: { js: "import { createRequire as __groveCreateRequire } from 'node:module'; const require = __groveCreateRequire(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
})
