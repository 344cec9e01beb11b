/**
 * Test harness for the preview server: a temp vault, a real server on a random port (theme not
 * watched, so colleagues' theme edits cannot trigger updates mid-test), an SSE client over plain
 * node:http, raw GET requests (no URL normalisation, so traversal attempts reach the server).
 */
import http from 'node:http'
import { mkdir, rm, writeFile, unlink, rename } from 'node:fs/promises'
import path from 'node:path'
import { writeVault, type VaultFiles } from '../helpers/build-vault.js'
import { startServer, type PreviewServer, type ServerOptions } from '../../src/serve/server.js'
import type { UpdateEvent } from '../../src/serve/live-reload.js'

export interface Response {
  status: number
  type: string
  headers: http.IncomingHttpHeaders
  body: string
  bytes: Buffer
}

/** A GET with the path sent exactly as given. */
export function get(port: number, target: string, headers: Record<string, string> = {}): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: target, method: 'GET', headers, agent: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        const bytes = Buffer.concat(chunks)
        resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), headers: res.headers, body: bytes.toString('utf8'), bytes })
      })
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })
}

export interface EventStream {
  events: UpdateEvent[]
  /** Resolves with the first event after index `from` (default: the next new one) matching `pred`. */
  next(pred?: (e: UpdateEvent) => boolean, timeoutMs?: number): Promise<UpdateEvent>
  /** Marks all events so far as seen; `next()` then waits for newer ones. */
  mark(): void
  close(): void
  /** Resolves when the server ends the stream. */
  ended: Promise<void>
}

export function events(port: number, query = ''): Promise<EventStream> {
  return new Promise((resolve, reject) => {
    const list: UpdateEvent[] = []
    const waiters = new Set<() => void>()
    let seen = 0
    const req = http.get({ host: '127.0.0.1', port, path: `/_grove/events${query}`, agent: false }, (res) => {
      res.setEncoding('utf8')
      let buf = ''
      res.on('data', (chunk: string) => {
        buf += chunk
        let i: number
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const frame = buf.slice(0, i)
          buf = buf.slice(i + 2)
          const data = frame.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n')
          if (frame.includes('event: update') && data) list.push(JSON.parse(data) as UpdateEvent)
        }
        for (const w of [...waiters]) w()
      })
      const ended = new Promise<void>((r) => res.on('end', () => r()))
      const stream: EventStream = {
        ended,
        events: list,
        mark: () => (seen = list.length),
        next: (pred = () => true, timeoutMs = 20_000) =>
          new Promise((res2, rej) => {
            const check = () => {
              for (let j = seen; j < list.length; j++) {
                if (pred(list[j])) {
                  seen = j + 1
                  waiters.delete(check)
                  clearTimeout(timer)
                  res2(list[j])
                  return
                }
              }
            }
            const timer = setTimeout(() => {
              waiters.delete(check)
              rej(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(list.slice(seen).map((e) => ({ gen: e.gen, changed: e.changed, removed: e.removed, overlay: e.overlay.length })))}`))
            }, timeoutMs)
            waiters.add(check)
            check()
          }),
        close: () => req.destroy(),
      }
      // The first frame (the state on connect) arrives straight away.
      stream.next().then(() => resolve(stream), reject)
    })
    req.on('error', reject)
  })
}

export interface Harness {
  dir: string
  server: PreviewServer
  port: number
  sse: EventStream
  log: string[]
  write(rel: string, text: string): Promise<void>
  remove(rel: string): Promise<void>
  move(from: string, to: string): Promise<void>
  get(target: string): Promise<Response>
  /** Body of a page that must exist (status 200). */
  html(target: string): Promise<string>
  close(): Promise<void>
}

export async function startHarness(files: VaultFiles, opts: Partial<ServerOptions> = {}): Promise<Harness> {
  const dir = await writeVault(files)
  const log: string[] = []
  const server = await startServer({ vaultDir: dir, port: 0, themeDir: false, log: (l) => log.push(l), ...opts })
  const sse = await events(server.port)
  const abs = (rel: string) => path.join(dir, rel)
  return {
    dir,
    server,
    port: server.port,
    sse,
    log,
    async write(rel, text) {
      await mkdir(path.dirname(abs(rel)), { recursive: true })
      await writeFile(abs(rel), text)
    },
    remove: (rel) => unlink(abs(rel)),
    async move(from, to) {
      await mkdir(path.dirname(abs(to)), { recursive: true })
      await rename(abs(from), abs(to))
    },
    get: (t) => get(server.port, t),
    async html(t) {
      const r = await get(server.port, t)
      if (r.status !== 200) throw new Error(`GET ${t}: ${r.status}`)
      return r.body
    },
    async close() {
      sse.close()
      await server.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
}

/** The small fixture vault: notes with links, a tag, an embed, and a link to a missing note. */
export const FIXTURE: VaultFiles = {
  'index.md': '---\ntitle: Home\n---\nWelcome. See [[Alpha]] and [[Missing]].\n',
  'notes/alpha.md': '---\ntitle: Alpha\ntags: [topic]\n---\nAlpha body links to [[beta]].\n\n![[beta]]\n',
  'notes/beta.md': '# Beta heading\n\nBeta body text. #topic\n',
  'notes/gamma.md': '---\ntitle: Gamma\n---\nGamma links to [[Alpha]] and [[beta#Beta heading]].\n',
}
