import { describe, it, expect, afterAll, beforeAll } from 'vitest'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { readFile, readdir, rm, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { writeVault } from './helpers/build-vault.js'

const run = promisify(execFile)
const BIN = path.resolve('bin/grove.js')

async function grove(args: string[], cwd = process.cwd()) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd })
    return { code: 0, stdout, stderr }
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string }
    return { code: err.code, stdout: err.stdout, stderr: err.stderr }
  }
}

async function listFiles(dir: string, base = dir): Promise<string[]> {
  const out: string[] = []
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name)
    if (e.isDirectory()) out.push(...(await listFiles(full, base)))
    else out.push(path.relative(base, full))
  }
  return out.sort()
}

let vault: string
let work: string
beforeAll(async () => {
  vault = await writeVault({ 'a.md': '# A\n\nSee [[missng]] and [[b]].', 'b.md': '---\ntags: [x]\n---\nB' })
  work = await mkdtemp(path.join(tmpdir(), 'grove-cli-'))
})
afterAll(async () => {
  await rm(vault, { recursive: true, force: true })
  await rm(work, { recursive: true, force: true })
})

describe('grove check', () => {
  it('prints positioned diagnostics and a summary, and exits 0 on warnings', async () => {
    const r = await grove(['check', '--content', vault])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('a.md:3:5  warning  Cannot resolve [[missng]]')
    expect(r.stdout).toMatch(/unresolved-link\n/)
    expect(r.stdout).toContain('2 notes (2 published): 0 errors, 1 warning')
  })

  it('exits 1 with --strict when there are warnings', async () => {
    expect((await grove(['check', '--content', vault, '--strict'])).code).toBe(1)
  })

  it('prints JSON with --format json', async () => {
    const r = await grove(['check', '--content', vault, '--format', 'json'])
    const json = JSON.parse(r.stdout)
    expect(json).toMatchObject({ notes: 2, published: 2, errors: 0, warnings: 1 })
    expect(json.diagnostics[0]).toMatchObject({ file: 'a.md', line: 3, column: 5, ruleId: 'unresolved-link', severity: 'warning' })
  })

  it('exits 1 when the config makes a rule an error', async () => {
    const v = await writeVault({ 'a.md': '[[nope]]', 'grove.config.yaml': 'severity:\n  unresolved-link: error\n' })
    const r = await grove(['check', v])
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('  error  ')
    await rm(v, { recursive: true, force: true })
  })

  it('exits 2 naming a bad config key', async () => {
    const v = await writeVault({ 'a.md': 'x', 'grove.config.yaml': 'colour: red\n' })
    const r = await grove(['check', v])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('unknown key "colour"')
    expect(r.stderr).not.toContain('    at ')
    await rm(v, { recursive: true, force: true })
  })

  it('exits 2 on an unknown option', async () => {
    expect((await grove(['check', '--no-such-flag'])).code).toBe(2)
  })
})

describe('grove build', () => {
  it('builds a vault into the output folder', async () => {
    const out = path.join(work, 'site')
    const r = await grove(['build', vault, '--out', out])
    expect(r.code).toBe(0)
    expect(await readFile(path.join(out, 'a.html'), 'utf8')).toMatch(/<h1 class="page-title"[^>]*>a<\/h1>/)
  })

  it('is deterministic: two builds are byte-identical', async () => {
    const one = path.join(work, 'one')
    const two = path.join(work, 'two')
    await grove(['build', '--content', vault, '--out', one])
    await grove(['build', '--content', vault, '--out', two])
    const files = await listFiles(one)
    expect(await listFiles(two)).toEqual(files)
    for (const f of files) expect((await readFile(path.join(two, f))).equals(await readFile(path.join(one, f)))).toBe(true)
  })

  it('refuses to write into the vault itself and exits 2', async () => {
    const r = await grove(['build', vault, '--out', vault])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('the output directory is the vault itself')
  })

  it('writes canonical links with --base-url', async () => {
    const out = path.join(work, 'based')
    await grove(['build', vault, '--out', out, '--base-url', 'https://example.org/docs'])
    expect(await readFile(path.join(out, 'b.html'), 'utf8')).toContain('<link rel="canonical" href="https://example.org/docs/b.html">')
    expect(await readFile(path.join(out, 'sitemap.xml'), 'utf8')).toContain('<loc>https://example.org/docs/a.html</loc>')
  })

  it('fails with --strict on warnings and does not replace the previous site', async () => {
    const out = path.join(work, 'strict')
    await grove(['build', vault, '--out', out])
    await writeFile(path.join(out, 'marker.txt'), 'previous build')
    const r = await grove(['build', vault, '--out', out, '--strict'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('was left as it was')
    expect(await readFile(path.join(out, 'marker.txt'), 'utf8')).toBe('previous build')
  })

  it('leaves the previous public/ untouched when the build fails', async () => {
    const out = path.join(work, 'kept')
    await grove(['build', vault, '--out', out])
    const before = await listFiles(out)
    const bad = await writeVault({ 'a.md': 'x', 'grove.config.yaml': 'title: [oops\n' })
    const r = await grove(['build', bad, '--out', out])
    expect(r.code).toBe(2)
    expect(await listFiles(out)).toEqual(before)
    await rm(bad, { recursive: true, force: true })
  })
})

describe('grove build --profile', () => {
  it('prints per-stage times, the kind of build and what the search index did', async () => {
    const out = path.join(work, 'profiled')
    const r = await grove(['build', '--content', vault, '--out', out, '--no-cache', '--profile', '--quiet'])
    expect(r.code).toBe(0)
    expect(r.stderr).toMatch(/^ {2}read\+parse +\d+ ms/m)
    expect(r.stderr).toMatch(/^ {2}emit:search-index +\d+ ms/m)
    expect(r.stderr).toContain('2 notes rendered')
    expect(r.stderr).toContain('search index: 1 of 1 shards indexed, 0 pages laid out again for it')
  })
})
