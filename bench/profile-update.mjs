// Prints the per-stage timings of a BuildSession update after a one-note edit (for tuning the
// preview server). Usage: node bench/profile-update.mjs VAULT
import { readFileSync, writeFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { BuildSession } from '../dist/src/incremental/session.js'
import { loadConfig } from '../dist/src/config.js'

const vault = process.argv[2]
const config = await loadConfig(vault)
const session = new BuildSession(vault, config)
let r = await session.update()
console.log('first build', r.ms, 'ms')
const file = path.join(vault, readdirSync(vault).find((f) => f.endsWith('.md')))
const original = readFileSync(file, 'utf8')
for (let i = 0; i < 3; i++) {
  writeFileSync(file, original + `\n\nprofile edit ${i}\n`)
  r = await session.update([{ path: path.basename(file), kind: 'change' }])
  console.log(`update ${i}: ${r.ms} ms, ${r.changed.length} changed`, session.last.timings.filter((t) => t.ms > 5).map((t) => `${t.stage}=${t.ms}`).join(' '))
}
writeFileSync(file, original)
