/**
 * A one-line progress display on a terminal for builds that take more than ~2 s: stage and
 * notes done / total. Silent when stderr is not a TTY or with --quiet.
 */
export function createProgress(stream: NodeJS.WriteStream, enabled: boolean, delayMs = 2000) {
  const start = performance.now()
  let shown = false
  let last = 0
  const update = (stage: string, done: number, total: number) => {
    if (!enabled || !stream.isTTY) return
    const now = performance.now()
    if (now - start < delayMs || (now - last < 100 && done < total)) return
    last = now
    shown = true
    stream.write(`\r\x1b[2K${stage}: ${done}/${total} notes`)
  }
  const clear = () => {
    if (shown) stream.write('\r\x1b[2K')
    shown = false
  }
  return { update, clear }
}
