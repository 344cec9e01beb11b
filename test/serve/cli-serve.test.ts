import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import http from 'node:http'
import { rm } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { writeVault } from '../helpers/build-vault.js'
import { get, startHarness } from './harness.js'

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/grove.js')

function run(args: string[]) {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  child.stdout.on('data', (d) => (out += d))
  child.stderr.on('data', (d) => (err += d))
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const url = new Promise<string>((resolve, reject) => {
    const t = setInterval(() => {
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out)
      if (m) {
        clearInterval(t)
        resolve(m[0])
      }
    }, 20)
    void exit.then(() => {
      clearInterval(t)
      reject(new Error(`exited early: ${err}`))
    })
  })
  return { child, url, exit, output: () => ({ out, err }) }
}

describe('grove serve', () => {
  let vault: string
  beforeAll(async () => {
    vault = await writeVault({ 'index.md': 'Served by the CLI.\n' })
  })
  afterAll(() => rm(vault, { recursive: true, force: true }))

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`prints its URL, serves the vault and exits 0 on ${signal}`, async () => {
      const p = run(['serve', vault, '--port', '0'])
      const url = await p.url
      const port = Number(new URL(url).port)
      expect(port).toBeGreaterThan(0)
      expect((await get(port, '/')).body).toContain('Served by the CLI.')
      const stream = await new Promise<http.IncomingMessage>((resolve) => http.get(`${url}_grove/events`, resolve))
      const ended = new Promise<void>((resolve) => stream.on('end', () => resolve()).resume())
      const t0 = Date.now()
      p.child.kill(signal)
      expect(await p.exit).toBe(0)
      await ended
      expect(Date.now() - t0).toBeLessThan(5000)
    })
  }

  it('exits 2 on a bad --port', async () => {
    const p = run(['serve', vault, '--port', 'eighty'])
    await p.url.catch(() => {})
    expect(await p.exit).toBe(2)
    expect(p.output().err).toContain('--port must be a number')
  })

  it('exits 2 when the port is taken', async () => {
    const first = run(['serve', vault, '--port', '0'])
    const port = new URL(await first.url).port
    const second = run(['serve', vault, '--port', port])
    await second.url.catch(() => {})
    expect(await second.exit).toBe(2)
    expect(second.output().err).toContain('already in use')
    first.child.kill('SIGINT')
    expect(await first.exit).toBe(0)
  })
})

describe('the event stream', () => {
  it('sends heartbeat comments', async () => {
    const h = await startHarness({ 'index.md': 'hi' }, { heartbeatMs: 50 })
    const raw = await new Promise<string>((resolve) => {
      http.get(`${h.server.url}_grove/events`, (res) => {
        let buf = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => {
          buf += c
          if (buf.includes(': ping')) {
            res.destroy()
            resolve(buf)
          }
        })
      })
    })
    expect(raw).toMatch(/^retry: \d+\n\nevent: update\ndata: \{/)
    expect(raw).toContain('\n: ping\n\n')
    await h.close()
  })
})
