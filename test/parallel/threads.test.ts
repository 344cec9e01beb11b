/**
 * Worker threads change where notes are parsed and rendered, never the site: a vault over the
 * thread threshold, with embeds that cross from one worker's notes to the other's (whole notes,
 * sections, blocks, nested and cyclic), builds to the same bytes and diagnostics on 2 threads
 * as in-process. The command line runs the esbuild bundle, worker entry included: it must build the
 * same site too.
 */
import { describe, it, expect, afterAll } from 'vitest'
import { rm, mkdtemp } from 'node:fs/promises'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { build } from '../../src/build.js'
import { DEFAULT_CONFIG, loadConfig, type SiteConfig } from '../../src/config.js'
import { MemorySink } from '../../src/output/sink.js'
import { THREAD_THRESHOLD } from '../../src/parallel/pool.js'
import { writeVault, type VaultFiles } from '../helpers/build-vault.js'
import { expectSameFiles, readTree } from '../helpers/site-folder.js'

const N = THREAD_THRESHOLD + 40

function vault(): VaultFiles {
  const files: VaultFiles = {}
  for (let i = 0; i < N; i++) {
    const next = (i + 1) % N
    const far = (i * 7 + 3) % N
    files[`n${i}.md`] = [
      '---',
      `tags: [t${i % 5}]`,
      '---',
      `# Note ${i}`,
      '',
      `Intro of ${i} with [[n${next}]] and [[n${far}#Part ${far}|far]] and #inline${i % 3}. ^intro${i}`,
      '',
      `## Part ${i}`,
      '',
      `Section text ${i}, **bold** and \`code\`.`,
      '',
      i % 10 === 0 ? `![[n${far}]]` : i % 10 === 1 ? `![[n${far}#Part ${far}]]` : i % 10 === 2 ? `![[n${next}#^intro${next}]]` : `- item ${i}`,
      '',
      i % 50 === 0 ? `![[n${i}]]` : '', // an embed of itself: a cycle notice and a warning
      '```js',
      `const x${i} = ${i}`,
      '```',
    ].join('\n')
  }
  return files
}

async function siteOf(dir: string, threads: number, config: SiteConfig = DEFAULT_CONFIG) {
  const sink = new MemorySink()
  const result = await build({ vaultDir: dir, config, sink, threads })
  return { result, files: new Map([...sink.files].map(([f, d]) => [f, Buffer.from(d as never)])) }
}

describe('worker threads', () => {
  let dir: string | undefined
  let out: string | undefined
  afterAll(async () => {
    for (const d of [dir, out]) if (d) await rm(d, { recursive: true, force: true })
  })

  it('build the same site, with the same diagnostics, as one in-process worker', async () => {
    // npm test compiles first: without tsc's worker entry the pool would quietly stay in-process.
    expect(existsSync(path.resolve('dist/src/parallel/worker-thread.js'))).toBe(true)
    dir = await writeVault(vault())
    const local = await siteOf(dir, 1)
    const threaded = await siteOf(dir, 2)
    expect(local.result.rendered).toHaveLength(N)
    expectSameFiles(threaded.files, local.files, 'threaded')
    expect(threaded.result.diagnostics).toEqual(local.result.diagnostics)
    // The embeds really crossed workers and really rendered.
    const page = threaded.files.get('n10.html')?.toString() ?? ''
    expect(page).toContain('markdown-embed-content')
    expect(page).toContain('Section text 73') // n10 embeds n73 whole (10 * 7 + 3)
    expect(threaded.result.diagnostics.some((d) => d.ruleId === 'embed-cycle' && d.file === 'n50.md')).toBe(true)
  }, 120_000)

  it('build the same site from the bundled command line (bin/grove.js → dist/bundle, two worker threads)', async () => {
    expect(existsSync(path.resolve('dist/bundle/cli.js')) && existsSync(path.resolve('dist/bundle/worker-thread.js')), 'npm run compile bundles the CLI and worker').toBe(true)
    dir ??= await writeVault(vault())
    out = await mkdtemp(path.join(tmpdir(), 'grove-threads-out-'))
    const site = path.join(out, 'site')
    await promisify(execFile)(process.execPath, [path.resolve('bin/grove.js'), 'build', dir, '--out', site, '--no-cache', '--quiet'], {
      cwd: out,
      env: { ...process.env, GROVE_THREADS: '2' },
    })
    // The CLI's config: defaults plus the title it takes from the vault folder's name.
    const local = await siteOf(dir, 1, await loadConfig(dir))
    expectSameFiles(await readTree(site), local.files, 'bundled CLI')
  }, 120_000)
})
