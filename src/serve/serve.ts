/**
 * `grove serve`: starts the preview server, prints its address, optionally opens a browser, and
 * runs until SIGINT or SIGTERM, then shuts down cleanly (watchers, event streams, server) and
 * resolves, leaving the exit code to the CLI.
 */
import { spawn } from 'node:child_process'
import { isLoopback, startServer, type ServerOptions } from './server.js'

export interface ServeOptions extends ServerOptions {
  /** Open the site in the default browser. */
  open?: boolean
  /** Where the address is printed (default stdout). */
  print?: (line: string) => void
}

function openBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]]
  try {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true })
    child.on('error', () => {})
    child.unref()
  } catch {
    /* no browser to open: the address is printed anyway */
  }
}

export async function serve(opts: ServeOptions): Promise<void> {
  const print = opts.print ?? ((line: string) => process.stdout.write(line + '\n'))
  const server = await startServer(opts)
  print(`Grove preview at ${server.url}  (Ctrl-C to stop)`)
  if (!isLoopback(server.host)) print(`warning: --host ${server.host} makes the preview reachable from other machines`)
  if (opts.open) openBrowser(server.url)
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      resolve()
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
  await server.close()
}
