#!/usr/bin/env node
// Entry point for `grove` and the npm scripts: runs the compiled CLI (npm run compile builds dist/).
import { main } from '../dist/src/cli.js'
main(process.argv.slice(2))
