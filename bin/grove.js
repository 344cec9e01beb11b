#!/usr/bin/env node
// Entry point for `grove` and the npm scripts: runs the bundled CLI (npm run compile builds it),
// or tsc's output when there is no bundle.
import { existsSync } from 'node:fs'

const bundle = new URL('../dist/bundle/cli.js', import.meta.url)
const { main } = await import(existsSync(bundle) ? bundle.href : '../dist/src/cli.js')
main(process.argv.slice(2))
