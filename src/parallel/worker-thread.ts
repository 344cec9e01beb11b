/**
 * Worker-thread entry: one NoteWorkerCore per thread, driven by `{ id, method, args }` messages.
 * Errors go back as messages (with the stack), so the main thread reports them as program errors.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { NoteWorkerCore } from './note-worker.js'

const core = new NoteWorkerCore(workerData.vaultDir, workerData.config)
type Method = 'parse' | 'setIndex' | 'render' | 'reset' | 'close'

parentPort?.on('message', async (msg: { id: number; method: Method; args: unknown[] }) => {
  try {
    const fn = core[msg.method] as (...a: unknown[]) => Promise<unknown>
    const result = await fn.apply(core, msg.args)
    parentPort?.postMessage({ id: msg.id, result })
  } catch (e) {
    const err = e as Error
    parentPort?.postMessage({ id: msg.id, error: { message: err.message, stack: err.stack } })
  }
})
