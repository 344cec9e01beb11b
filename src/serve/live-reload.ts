/**
 * The server-sent event hub of the preview server: one long-lived response per open tab, an
 * `update` event after every site update, and heartbeat comments so proxies keep streams open.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { OverlayItem } from './overlay.js'

export interface UpdateEvent {
  /** Site generation after this update. */
  gen: number
  /** Output files whose bytes changed or that are new. */
  changed: string[]
  /** Output files that no longer exist. */
  removed: string[]
  /** Problems to show in the browser overlay; empty clears it. */
  overlay: OverlayItem[]
  /** Tell the page to reload unconditionally (it was served by another server process). */
  reload?: boolean
  ms?: number
}

export class LiveReload {
  private readonly clients = new Set<ServerResponse>()
  private readonly heartbeat: NodeJS.Timeout

  constructor(heartbeatMs = 15_000) {
    this.heartbeat = setInterval(() => this.write(': ping\n\n'), heartbeatMs)
    this.heartbeat.unref()
  }

  get size(): number {
    return this.clients.size
  }

  /** Takes over a request as an event stream and sends it `first` straight away. */
  open(req: IncomingMessage, res: ServerResponse, first: UpdateEvent): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    })
    res.write('retry: 1000\n\n')
    res.write(frame(first))
    this.clients.add(res)
    const drop = () => this.clients.delete(res)
    req.on('close', drop)
    res.on('close', drop)
    res.on('error', drop)
  }

  send(event: UpdateEvent): void {
    this.write(frame(event))
  }

  private write(chunk: string): void {
    for (const res of this.clients) {
      // A tab that stops reading must not make the server buffer without bound.
      if (res.writableLength > 4 * 1024 * 1024) {
        res.destroy()
        this.clients.delete(res)
        continue
      }
      res.write(chunk)
    }
  }

  /** Ends every stream and stops the heartbeat. */
  close(): void {
    clearInterval(this.heartbeat)
    for (const res of this.clients) res.end()
    this.clients.clear()
  }
}

function frame(event: UpdateEvent): string {
  return `event: update\ndata: ${JSON.stringify(event)}\n\n`
}
