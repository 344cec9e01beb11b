#!/usr/bin/env node
// The machine's speed right now, as the issue measured it: micromark alone, one thread, over
// every note of a vault (node bench/floor.mjs VAULT → JSON on stdout). The machine took
// 14.5 s for the 10k-note bench vault; this machine's figure, taken at the start and at the end
// of a bench run, says how far its build times are from that machine's (shared cloud cores
// here have run 1.5–3× slower from one session to the next).
import { readFileSync } from 'node:fs'
import path from 'node:path'
import fg from 'fast-glob'
import { micromark } from 'micromark'

const vault = process.argv[2]
if (!vault) throw new Error('usage: node bench/floor.mjs VAULT')
const texts = fg.sync('**/*.md', { cwd: vault, absolute: true }).sort().map((f) => readFileSync(f, 'utf8'))
micromark(texts[0] ?? '') // first-call set-up out of the timing
const t0 = performance.now()
for (const t of texts) micromark(t)
const ms = performance.now() - t0
process.stdout.write(JSON.stringify({ vault: path.basename(vault), notes: texts.length, micromarkMs: Math.round(ms) }) + '\n')
