/** Feeding a worker its notes chunk by chunk. */

/**
 * Runs `fn` over `items` in chunks (for progress reports), keeping two chunks in flight so a
 * worker starts the next chunk while the main thread takes in the last one's results.
 */
export async function inChunks<T, R>(items: T[], fn: (chunk: T[]) => Promise<R[]>, done: (n: number) => void, size = 64): Promise<R[]> {
  const chunks: T[][] = []
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size))
  const running = chunks.map(() => undefined as Promise<R[]> | undefined)
  const start = (i: number) => {
    if (i >= chunks.length) return
    const p = fn(chunks[i])
    // Awaited in order below; a chunk that fails while an earlier one is awaited is not unhandled.
    p.catch(() => {})
    running[i] = p
  }
  start(0)
  start(1)
  const out: R[] = []
  for (let i = 0; i < chunks.length; i++) {
    const results = await (running[i] as Promise<R[]>)
    running[i] = undefined
    start(i + 2)
    out.push(...results)
    done(chunks[i].length)
  }
  return out
}
