/**
 * A fixed set of NoteWorkers: worker threads sized to the cores above a small-vault threshold,
 * otherwise one in-process worker (same code path, no thread start-up cost). Notes are split
 * between workers by size, and each note's render goes to the worker that parsed it.
 */
import { Worker } from 'node:worker_threads'
import { availableParallelism } from 'node:os'
import { compiledEntry } from '../package-root.js'
import type { SiteConfig } from '../config.js'
import { NoteWorkerCore, type NoteWorker } from './note-worker.js'

/** Below this many notes, threads cost more than they save. */
export const THREAD_THRESHOLD = 200

class ThreadWorker implements NoteWorker {
  private next = 0
  private readonly calls = new Map<number, { resolve: (v: never) => void; reject: (e: Error) => void }>()
  private readonly worker: Worker

  constructor(entry: string, vaultDir: string, config: SiteConfig) {
    this.worker = new Worker(entry, { workerData: { vaultDir, config } })
    this.worker.on('message', (msg: { id: number; result?: unknown; error?: { message: string; stack?: string } }) => {
      const call = this.calls.get(msg.id)
      if (!call) return
      this.calls.delete(msg.id)
      if (msg.error) {
        const err = new Error(`worker: ${msg.error.message}`)
        err.stack = msg.error.stack
        call.reject(err)
      } else call.resolve(msg.result as never)
    })
    this.worker.on('error', (e) => {
      for (const c of this.calls.values()) c.reject(e)
      this.calls.clear()
    })
  }

  private call<T>(method: string, ...args: unknown[]): Promise<T> {
    const id = this.next++
    return new Promise<T>((resolve, reject) => {
      this.calls.set(id, { resolve: resolve as (v: never) => void, reject })
      this.worker.postMessage({ id, method, args })
    })
  }

  parse = (...a: Parameters<NoteWorker['parse']>) => this.call<Awaited<ReturnType<NoteWorker['parse']>>>('parse', ...a)
  setIndex = (...a: Parameters<NoteWorker['setIndex']>) => this.call<void>('setIndex', ...a)
  render = (...a: Parameters<NoteWorker['render']>) => this.call<Awaited<ReturnType<NoteWorker['render']>>>('render', ...a)
  reset = () => this.call<void>('reset')
  async close() {
    await this.worker.terminate()
  }
  // close() may be called twice (after render, and in the build's finally).
}

export interface Pool {
  workers: NoteWorker[]
  threaded: boolean
  close(): Promise<void>
}

export function createPool(vaultDir: string, config: SiteConfig, notes: number, threads = Number(process.env.GROVE_THREADS) || availableParallelism()): Pool {
  const entry = compiledEntry(import.meta.url, 'parallel', 'worker-thread.js')
  const n = Math.max(1, Math.min(threads, 8))
  if (notes < THREAD_THRESHOLD || n === 1 || !entry) {
    const local = new NoteWorkerCore(vaultDir, config)
    return { workers: [local], threaded: false, close: () => local.close() }
  }
  const workers = Array.from({ length: n }, () => new ThreadWorker(entry, vaultDir, config))
  return { workers, threaded: true, close: async () => void (await Promise.all(workers.map((w) => w.close()))) }
}

/** Splits items into `n` groups of about equal total weight, keeping each group in input order. */
export function balance<T>(items: T[], weight: (t: T) => number, n: number): T[][] {
  const groups: Array<{ load: number; idx: number[] }> = Array.from({ length: n }, () => ({ load: 0, idx: [] }))
  const order = items.map((_, i) => i).sort((a, b) => weight(items[b]) - weight(items[a]) || a - b)
  for (const i of order) {
    let best = groups[0]
    for (const g of groups) if (g.load < best.load) best = g
    best.load += Math.max(1, weight(items[i]))
    best.idx.push(i)
  }
  return groups.map((g) => g.idx.sort((a, b) => a - b).map((i) => items[i]))
}
