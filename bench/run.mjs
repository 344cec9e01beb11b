#!/usr/bin/env node
// Grove benchmark harness (`npm run bench`). Generates the synthetic 1k and 10k vaults once
// (cached under the OS temp dir), then measures, as medians of several runs with min/max:
// cold full build (--no-cache), warm no-op rebuild, warm rebuild after editing one note and after
// renaming one note, each with peak RSS and per-stage timings; builds of the three corpora; and
// the preview server's edit → reload-event latency (bench/serve-latency.mjs). Writes
// bench/RESULTS.md. Options: --sizes 1000,10000  --runs 3  --quick (1k only, 2 runs).
import { spawnSync, execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const SHARED = path.resolve(ROOT, '../shared')
const args = process.argv.slice(2)
const opt = (name, dflt) => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : dflt
}
const quick = args.includes('--quick')
const SIZES = (opt('--sizes', quick ? '1000' : '1000,10000')).split(',').map(Number)
const RUNS = Number(opt('--runs', quick ? '2' : '3'))
const WORK = path.join(os.tmpdir(), 'grove-bench')
mkdirSync(WORK, { recursive: true })

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}
const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`)
const stat = (xs, f = fmt) => `${f(median(xs))} (${f(Math.min(...xs))}–${f(Math.max(...xs))})`
const mb = (kb) => `${Math.round(kb / 1024)} MB`

function vaultFor(n) {
  const dir = path.join(WORK, `vault-${n}`)
  if (!existsSync(path.join(dir, '.complete'))) {
    rmSync(dir, { recursive: true, force: true })
    execFileSync(process.execPath, [path.join(SHARED, 'tools/gen-vault.mjs'), dir, '--notes', String(n), '--seed', '1'], { stdio: 'inherit' })
    writeFileSync(path.join(dir, '.complete'), '')
  }
  return dir
}

/** One build as a child process; returns wall ms, peak RSS KB and the --profile stages. */
function buildOnce(vault, out, extra = []) {
  const t0 = performance.now()
  const r = spawnSync('/usr/bin/time', ['-f', 'GROVE_RSS %M', process.execPath, path.join(ROOT, 'bin/grove.js'), 'build', '--content', vault, '--out', out, '--profile', '--quiet', ...extra], {
    encoding: 'utf8', cwd: WORK, maxBuffer: 64 * 1024 * 1024,
  })
  const ms = performance.now() - t0
  if (r.status !== 0 && r.status !== 1) throw new Error(`build failed (${r.status}): ${r.stderr.slice(-2000)}`)
  const rss = Number(/GROVE_RSS (\d+)/.exec(r.stderr)?.[1] ?? 0)
  const stages = {}
  for (const m of r.stderr.matchAll(/^ {2}(\S+)\s+(\d+) ms/gm)) stages[m[1]] = Number(m[2])
  return { ms, rss, stages }
}

function series(label, runs, prepare, vault, out, extra) {
  const rows = []
  for (let i = 0; i < runs; i++) {
    prepare?.(i)
    rows.push(buildOnce(vault, out, extra))
    process.stderr.write(`  ${label} #${i + 1}: ${fmt(rows.at(-1).ms)}\n`)
  }
  return { label, ms: rows.map((r) => r.ms), rss: rows.map((r) => r.rss), stages: rows.map((r) => r.stages) }
}

/** micromark alone over a vault, one thread (bench/floor.mjs): the machine's speed at this moment. */
const ISSUE_FLOOR_10K_MS = 14500
const floorVault = () => vaultFor(SIZES.includes(10000) ? 10000 : Math.max(...SIZES))
function floor() {
  const out = execFileSync(process.execPath, [path.join(ROOT, 'bench/floor.mjs'), floorVault()], { encoding: 'utf8', cwd: ROOT })
  const r = JSON.parse(out)
  process.stderr.write(`machine speed: micromark over ${r.vault}: ${fmt(r.micromarkMs)}\n`)
  return r
}
const floors = [floor()]

const results = []
for (const n of SIZES) {
  process.stderr.write(`vault of ${n} notes\n`)
  const vault = vaultFor(n)
  const out = path.join(WORK, `out-${n}`)
  const cold = series('cold (--no-cache)', RUNS, null, vault, out, ['--no-cache'])
  buildOnce(vault, out) // fill the cache
  const noop = series('warm no-op', RUNS, null, vault, out)
  const target = execFileSync('bash', ['-c', `cd '${vault}' && ls *.md | head -1`], { encoding: 'utf8' }).trim()
  const file = path.join(vault, target)
  const original = readFileSync(file, 'utf8')
  const edit = series('warm, one note edited', RUNS, (i) => writeFileSync(file, original + `\n\nBench edit ${i} ${Date.now()}\n`), vault, out)
  writeFileSync(file, original)
  buildOnce(vault, out)
  const renamed = path.join(vault, 'Bench Renamed Note.md')
  const rename = series('warm, one note renamed', RUNS, (i) => (i % 2 === 0 ? renameSync(file, renamed) : renameSync(renamed, file)), vault, out)
  if (existsSync(renamed)) renameSync(renamed, file)
  buildOnce(vault, out)
  results.push({ n, cold, noop, edit, rename })
}

const corpora = []
for (const name of ['logos-roadmap', 'obsidian-help-en', 'quartz-docs']) {
  const vault = path.join(SHARED, 'corpora', name)
  if (!existsSync(vault)) continue
  process.stderr.write(`corpus ${name}\n`)
  corpora.push({ name, s: series(name, RUNS, null, vault, path.join(WORK, `out-${name}`), ['--no-cache']) })
}

let serve = ''
const serveBench = path.join(ROOT, 'bench/serve-latency.mjs')
if (existsSync(serveBench)) {
  for (const n of SIZES) {
    process.stderr.write(`preview latency, ${n} notes\n`)
    const r = spawnSync(process.execPath, [serveBench, '--notes', String(n), '--vault', vaultFor(n), '--edits', n > 5000 ? '10' : '20'], { encoding: 'utf8', cwd: ROOT, timeout: 30 * 60 * 1000 })
    serve += `\n### ${n} notes\n\n\`\`\`\n${(r.stdout || r.stderr).trim().slice(-3000)}\n\`\`\`\n`
  }
}

floors.push(floor())

const cpu = os.cpus()[0]?.model ?? 'unknown'
let md = `# Grove benchmark results\n\nMachine: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM; Node ${process.version}; ${new Date().toISOString().slice(0, 10)}.\n`
md += `Synthetic vaults from \`../shared/tools/gen-vault.mjs --seed 1\`. Each figure is the median of ${RUNS} runs (min–max); RSS is the peak of the Grove process (worker threads included).\n`
{
  const [a, b] = floors.map((f) => f.micromarkMs)
  md += `\nMachine speed during this run: micromark alone, one thread, over the ${floors[0].vault} vault (${floors[0].notes} notes) took ${fmt(a)} before the runs and ${fmt(b)} after (bench/floor.mjs).`
  if (floors[0].vault === 'vault-10000') {
    const f = (a + b) / 2 / ISSUE_FLOOR_10K_MS
    md += ` The issue's machine took ${fmt(ISSUE_FLOOR_10K_MS)}: this run's machine was ${f.toFixed(2)}× ${f >= 1 ? 'slower' : 'faster'}, so a target of T seconds there is ${f.toFixed(2)}·T here.`
  }
  md += '\n'
}
md += `\n| measure | ${results.map((r) => `${r.n} notes`).join(' | ')} |\n|---|${results.map(() => '---').join('|')}|\n`
for (const [key, label] of [['cold', 'cold full build (--no-cache)'], ['noop', 'warm no-op rebuild'], ['edit', 'warm rebuild, one note edited'], ['rename', 'warm rebuild, one note renamed']]) {
  md += `| ${label} | ${results.map((r) => stat(r[key].ms)).join(' | ')} |\n`
  md += `| peak RSS, ${label.split(' (')[0]} | ${results.map((r) => stat(r[key].rss, mb)).join(' | ')} |\n`
}
if (results.length >= 2) {
  const [a, b] = [results[0], results[results.length - 1]]
  md += `\nCold build time ratio ${b.n / a.n}× notes: ${(median(b.cold.ms) / median(a.cold.ms)).toFixed(1)}×.\n`
}
for (const r of results) {
  md += `\n## Per-stage timings, ${r.n} notes (medians)\n\n| stage | cold | warm no-op | one edit |\n|---|---|---|---|\n`
  const names = Object.keys(r.cold.stages[0] ?? {})
  for (const n of new Set([...names, ...Object.keys(r.noop.stages[0] ?? {})])) {
    const m = (s) => fmt(median(s.stages.map((x) => x[n] ?? 0)))
    md += `| ${n} | ${m(r.cold)} | ${m(r.noop)} | ${m(r.edit)} |\n`
  }
}
if (corpora.length) {
  md += `\n## Corpora (cold, --no-cache)\n\n| vault | wall | peak RSS |\n|---|---|---|\n`
  for (const c of corpora) md += `| ${c.name} | ${stat(c.s.ms)} | ${stat(c.s.rss, mb)} |\n`
}
if (serve) md += `\n## Preview server: edit → reload event\n${serve}`
writeFileSync(path.join(ROOT, 'bench/RESULTS.md'), md)
process.stdout.write(md)
