/**
 * The preview server: builds the vault into memory (BuildSession, the same pipeline as
 * `grove build`), serves it over node:http with live reload on the same port, and keeps it up to
 * date while watching the vault, the theme and the config file. Binds loopback unless told
 * otherwise and serves only files of the built site.
 */
import { createServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import { CONFIG_FILE, loadConfig, type SiteConfig } from '../config.js'
import { summarize, summaryLine } from '../report/reporter.js'
import { THEME_DIR } from '../../theme/index.js'
import { EVENTS_PATH, injectLiveReload } from './client.js'
import { LiveReload } from './live-reload.js'
import { contentType, resolveRequest } from './resolve-request.js'
import { SiteUpdater, type UpdateOutcome } from './updater.js'
import { watchInputs, type Watchers } from './watch.js'
import { TerminalReport } from './terminal.js'

export interface ServerOptions {
  vaultDir: string
  /** 0 picks a free port (default 8080). */
  port?: number
  /** Default 127.0.0.1: only this machine can connect. */
  host?: string
  /** An explicit config file (`--config`); default `<vault>/grove.config.yaml` if present. */
  configPath?: string
  /** Config keys from the command line (`--base-url`), applied over the file on every reload. */
  overrides?: Partial<SiteConfig>
  /** Watch inputs and update (default true). */
  watch?: boolean
  /** Theme folder to watch (default THEME_DIR); false watches no theme. */
  themeDir?: string | false
  debounceMs?: number
  heartbeatMs?: number
  /** Where terminal lines go (default stderr). */
  log?: (line: string) => void
  color?: boolean
  /** Called after every update, after clients were notified. */
  onUpdate?: (outcome: UpdateOutcome) => void
}

export interface PreviewServer {
  url: string
  host: string
  port: number
  updater: SiteUpdater
  /** Resolves once no watcher event arrived for `quietMs` (default 200) and no update is pending or running. */
  settled(quietMs?: number): Promise<void>
  /** Closes watchers, event streams and the server. */
  close(): Promise<void>
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]'])

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host)
}

/** `Host: name:port` → name (IPv6 brackets kept off). */
function hostName(header: string | undefined): string {
  if (!header) return ''
  const m = /^\[([^\]]+)\](?::\d+)?$/.exec(header) ?? /^([^:]+)(?::\d+)?$/.exec(header)
  return (m?.[1] ?? header).toLowerCase()
}

export function urlFor(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}/`
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

export async function startServer(opts: ServerOptions): Promise<PreviewServer> {
  const vaultDir = path.resolve(opts.vaultDir)
  const host = opts.host ?? '127.0.0.1'
  const log = opts.log ?? ((line: string) => process.stderr.write(line + '\n'))
  const configPath = opts.configPath ? path.resolve(opts.configPath) : undefined
  const configFile = configPath ?? path.join(vaultDir, CONFIG_FILE)
  const config = await loadConfig(vaultDir, configPath, opts.overrides)
  const serverId = randomUUID()
  const live = new LiveReload(opts.heartbeatMs)
  const report = new TerminalReport(log, opts.color)
  let lastEventAt = 0

  const updater = new SiteUpdater({
    vaultDir,
    configFile,
    configPath,
    overrides: opts.overrides,
    config,
    debounceMs: opts.debounceMs,
    onUpdate: (o) => {
      live.send({ gen: o.gen, changed: o.changed, removed: o.removed, overlay: o.overlay, ms: o.ms })
      if (o.gen > 1) report.update(o)
      opts.onUpdate?.(o)
    },
  })

  // Bind first, so a taken port fails at once rather than after a long first build; requests
  // that arrive before the first build is done wait for it.
  let ready = false
  let whenReady: { resolve: () => void; reject: (e: unknown) => void } | undefined
  const readyP = new Promise<void>((resolve, reject) => (whenReady = { resolve, reject }))
  readyP.catch(() => {})
  const server: Server = createServer((req, res) => {
    if (ready) handle(req, res)
    else readyP.then(() => handle(req, res), () => res.destroy())
  })
  server.on('clientError', (_e, socket) => socket.destroy())
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(opts.port ?? 8080, host, () => {
        server.off('error', reject)
        resolve()
      })
    })
  } catch (e) {
    live.close()
    throw e
  }
  const port = (server.address() as AddressInfo).port

  // Watch from before the first build, so saves made while it runs are not lost; the initial
  // scan runs alongside the build.
  let watching: Promise<Watchers> | undefined
  if (opts.watch !== false) {
    watching = watchInputs({
      vaultDir,
      themeDir: opts.themeDir === false ? undefined : (opts.themeDir ?? THEME_DIR),
      configFile,
      onEvent: (e) => {
        lastEventAt = Date.now()
        updater.notify(e)
      },
      onError: (e) => log(`watch error: ${e.message}`),
    })
  }
  let first: UpdateOutcome
  let watchers: Watchers | undefined
  try {
    ;[first, watchers] = await Promise.all([updater.start(), watching])
  } catch (e) {
    await (await watching?.catch(() => undefined))?.close()
    await updater.close()
    live.close()
    whenReady?.reject(e)
    await new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    })
    throw e
  }
  ready = true
  whenReady?.resolve()
  report.update(first, true)
  const last = updater.session.last
  if (last) log(summaryLine(summarize(first.diagnostics, false), last.notes, last.published))

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    try {
      serveRequest(req, res)
    } catch (e) {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', `internal error: ${(e as Error).message}\n`)
      else res.destroy()
    }
  }

  const serveRequest = (req: IncomingMessage, res: ServerResponse) => {
    const target = req.url ?? '/'
    const asked = hostName(req.headers.host)
    if (isLoopback(host) && asked && !isLoopback(asked) && !asked.endsWith('.localhost'))
      // A page on another site must not reach a loopback server through DNS rebinding.
      return send(res, 403, 'text/plain; charset=utf-8', 'forbidden host\n')
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD')
      return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n')
    }
    if (target === EVENTS_PATH || target.startsWith(EVENTS_PATH + '?')) {
      const q = new URLSearchParams(target.slice(EVENTS_PATH.length + 1))
      const since = Number(q.get('since') ?? updater.gen)
      const files = q.getAll('f').slice(0, 20)
      const stale = q.has('id') && q.get('id') !== serverId
      return live.open(req, res, {
        gen: updater.gen,
        changed: Number.isFinite(since) ? updater.changedSince(since, files) : [],
        removed: [],
        overlay: updater.overlay,
        ...(stale ? { reload: true } : {}),
      })
    }
    const files = updater.files
    const r = resolveRequest(target, (f) => files.has(f))
    if (r.kind === 'bad-request') return send(res, 400, 'text/plain; charset=utf-8', `bad request: ${r.reason}\n`, req.method === 'HEAD')
    if (r.kind === 'redirect') {
      res.setHeader('Location', r.location)
      return send(res, 302, 'text/plain; charset=utf-8', `see ${r.location}\n`, req.method === 'HEAD')
    }
    const file = r.kind === 'file' ? r.file : '404.html'
    const status = r.kind === 'file' ? 200 : 404
    const data = files.get(file)
    if (data === undefined) return send(res, 404, 'text/plain; charset=utf-8', 'not found\n', req.method === 'HEAD')
    const type = contentType(file)
    let body: string | Uint8Array = data
    if (type.startsWith('text/html')) {
      const html = typeof data === 'string' ? data : Buffer.from(data).toString('utf8')
      // A 404 tab reloads when the page it asked for appears.
      const own = r.kind === 'file' ? [file] : [...r.candidates, file]
      body = injectLiveReload(html, { files: own, gen: updater.gen, id: serverId })
    }
    const bytes = typeof body === 'string' ? Buffer.from(body) : body
    const range = status === 200 && !type.startsWith('text/html') ? byteRange(req.headers.range, bytes.byteLength) : undefined
    if (range === null) {
      res.setHeader('Content-Range', `bytes */${bytes.byteLength}`)
      return send(res, 416, 'text/plain; charset=utf-8', 'range not satisfiable\n', req.method === 'HEAD')
    }
    if (range) {
      // Audio and video elements seek with Range requests.
      res.setHeader('Content-Range', `bytes ${range[0]}-${range[1]}/${bytes.byteLength}`)
      return send(res, 206, type, bytes.subarray(range[0], range[1] + 1), req.method === 'HEAD')
    }
    res.setHeader('Accept-Ranges', 'bytes')
    send(res, status, type, bytes, req.method === 'HEAD')
  }


  let closing: Promise<void> | undefined
  return {
    url: urlFor(host, port),
    host,
    port,
    updater,
    async settled(quietMs = 200) {
      // Counted from the call too: chokidar reports an unlink only ~100 ms after it happened.
      const since = Date.now()
      for (;;) {
        await updater.whenIdle()
        const quiet = Date.now() - Math.max(lastEventAt, since)
        if (quiet >= quietMs && updater.isIdle()) return
        await sleep(Math.max(10, quietMs - quiet))
      }
    },
    close() {
      closing ??= (async () => {
        await watchers?.close()
        await updater.close()
        live.close()
        await new Promise<void>((resolve) => {
          server.close(() => resolve())
          server.closeAllConnections()
        })
      })()
      return closing
    },
  }
}

/** A single `bytes=a-b` range as [first, last]; undefined when absent or not understood, null when unsatisfiable. */
function byteRange(header: string | undefined, size: number): [number, number] | null | undefined {
  const m = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null
  if (!m || (!m[1] && !m[2])) return undefined
  let first = m[1] ? Number(m[1]) : size - Number(m[2])
  let last = m[1] && m[2] ? Number(m[2]) : size - 1
  first = Math.max(0, first)
  last = Math.min(size - 1, last)
  return first > last || first >= size ? null : [first, last]
}

function send(res: ServerResponse, status: number, type: string, body: string | Uint8Array, headOnly = false): void {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': bytes.byteLength,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  })
  res.end(headOnly ? undefined : bytes)
}
