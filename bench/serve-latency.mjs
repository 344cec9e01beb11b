#!/usr/bin/env node
// Preview-server latency: edit one note on disk → the SSE `update` event naming its page.
//
//   npm run compile && node bench/serve-latency.mjs [--notes 1000] [--edits 20] [--memory 1000]
//
// Generates the vault with ../shared/tools/gen-vault.mjs (cached in bench/.cache/), starts the
// server from dist/ on a random port, edits one note N times (waiting for each event and for the
// server to settle), and prints median/min/max. `--memory N` also runs N edits on a small
// vault (--memory-notes, default 10) and prints the heap after GC along the way (memory must stay flat).
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import v8 from 'node:v8'
import vm from 'node:vm'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '..')
const args = process.argv.slice(2)
const opt = (name, dflt) => {
  const i = args.indexOf(name)
  return i >= 0 ? Number(args[i + 1]) : dflt
}
const NOTES = opt('--notes', 1000)
const EDITS = opt('--edits', 20)
const MEMORY = opt('--memory', 0)
const MEMORY_NOTES = opt('--memory-notes', 10)

const { startServer } = await import(path.join(root, 'dist/src/serve/server.js'))
const { build } = await import(path.join(root, 'dist/src/build.js'))
const { MemorySink } = await import(path.join(root, 'dist/src/output/sink.js'))
const { loadConfig } = await import(path.join(root, 'dist/src/config.js'))

function vault(notes) {
  const dir = path.join(here, '.cache', `vault-${notes}`)
  if (!existsSync(path.join(dir, '.done'))) {
    mkdirSync(dir, { recursive: true })
    execFileSync(process.execPath, [path.resolve(root, '../shared/tools/gen-vault.mjs'), dir, '--notes', String(notes), '--seed', '1'], { stdio: 'inherit' })
    writeFileSync(path.join(dir, '.done'), '')
  }
  return dir
}

function sse(port) {
  const listeners = new Set()
  const req = http.get({ host: '127.0.0.1', port, path: '/_grove/events', agent: false }, (res) => {
    res.setEncoding('utf8')
    let buf = ''
    res.on('data', (c) => {
      buf += c
      let i
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const frame = buf.slice(0, i)
        buf = buf.slice(i + 2)
        const data = frame.split('\n').find((l) => l.startsWith('data: '))
        if (data) for (const l of [...listeners]) l(JSON.parse(data.slice(6)), performance.now())
      }
    })
  })
  return {
    next: (pred) => new Promise((resolve) => {
      const l = (e, t) => {
        if (!pred(e)) return
        listeners.delete(l)
        resolve(t)
      }
      listeners.add(l)
    }),
    close: () => req.destroy(),
  }
}

/** GETs a site page to its last byte, as the reloading tab does. */
const fetchPage = (port, output) =>
  new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: '/' + output.split('/').map(encodeURIComponent).join('/'), agent: false }, (res) => {
      if (res.statusCode !== 200) reject(new Error(`GET ${output}: ${res.statusCode}`))
      res.resume()
      res.on('end', resolve)
    }).on('error', reject)
  })

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const med = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
  return { median: Math.round(med), min: Math.round(s[0]), max: Math.round(s[s.length - 1]) }
}

async function latency(notes, edits) {
  const dir = vault(notes)
  const t0 = performance.now()
  await build({ vaultDir: dir, config: await loadConfig(dir), sink: new MemorySink() })
  const cold = performance.now() - t0
  const t1 = performance.now()
  const server = await startServer({ vaultDir: dir, port: 0, themeDir: false, log: () => {} })
  const start = performance.now() - t1
  const stream = sse(server.port)
  const index = server.updater.session.last.site.index
  const entry = [...index.notes.values()].find((n) => n.source.split('/').length > 1) ?? [...index.notes.values()][0]
  const file = path.join(dir, entry.source)
  const original = readFileSync(file, 'utf8')
  const times = []
  const pageTimes = []
  const updateMs = []
  try {
    for (let i = 0; i < edits; i++) {
      await server.settled(100)
      const got = stream.next((e) => e.changed.includes(entry.output))
      const before = performance.now()
      writeFileSync(file, `${original}\n\nBenchmark edit number ${i}.\n`)
      const at = await got
      times.push(at - before)
      // What the browser does next: fetch the page again (served while the search index updates).
      await fetchPage(server.port, entry.output)
      pageTimes.push(performance.now() - before)
      updateMs.push(server.updater.session.last.timings.reduce((a, t) => a + t.ms, 0))
    }
  } finally {
    writeFileSync(file, original)
    stream.close()
    await server.close()
  }
  return { notes, edits, coldBuildMs: Math.round(cold), serveStartMs: Math.round(start), note: entry.source, latency: stats(times), page: stats(pageTimes), buildMs: stats(updateMs) }
}

async function memory(edits) {
  v8.setFlagsFromString('--expose-gc')
  const gc = vm.runInNewContext('gc')
  const heap = () => (gc(), gc(), Math.round(process.memoryUsage().heapUsed / 1024 / 1024))
  const dir = vault(MEMORY_NOTES)
  const server = await startServer({ vaultDir: dir, port: 0, themeDir: false, debounceMs: 5, log: () => {} })
  const stream = sse(server.port)
  const entries = [...server.updater.session.last.site.index.notes.values()].slice(0, 4)
  const originals = entries.map((e) => readFileSync(path.join(dir, e.source), 'utf8'))
  const samples = []
  try {
    for (let i = 0; i < edits; i++) {
      const k = i % entries.length
      const got = stream.next((e) => e.changed.includes(entries[k].output))
      writeFileSync(path.join(dir, entries[k].source), `${originals[k]}\n\nmemory edit ${i}\n`)
      await got
      if ((i + 1) % Math.max(1, Math.floor(edits / 10)) === 0) samples.push({ edits: i + 1, heapMB: heap(), rssMB: Math.round(process.memoryUsage().rss / 1024 / 1024) })
    }
  } finally {
    entries.forEach((e, k) => writeFileSync(path.join(dir, e.source), originals[k]))
    stream.close()
    await server.close()
  }
  return samples
}

const result = await latency(NOTES, EDITS)
console.log(`serve latency, ${result.notes} notes, ${result.edits} edits of ${result.note}`)
console.log(`  edit on disk → SSE event: median ${result.latency.median} ms, min ${result.latency.min} ms, max ${result.latency.max} ms`)
console.log(`  edit on disk → reloaded page received: median ${result.page.median} ms, min ${result.page.min} ms, max ${result.page.max} ms`)
console.log(`  update (BuildSession stages): median ${result.buildMs.median} ms`)
console.log(`  cold build ${result.coldBuildMs} ms; serve start (first build + watchers + listen) ${result.serveStartMs} ms`)
if (MEMORY) {
  const samples = await memory(MEMORY)
  console.log(`memory over ${MEMORY} edits (${MEMORY_NOTES}-note vault), heap after GC / RSS:`)
  for (const s of samples) console.log(`  after ${String(s.edits).padStart(5)} edits: heap ${s.heapMB} MB, rss ${s.rssMB} MB`)
}
