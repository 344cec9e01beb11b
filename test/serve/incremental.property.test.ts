/**
 * The preview server's contract: after ANY sequence of edits, every file it serves equals a fresh
 * full build of the same vault (HTML apart from the one injected live-reload script). Random
 * create / edit / delete / rename sequences over a pool of notes with links, heading links,
 * embeds, tags, titles, aliases and an attachment, applied on disk and picked up by the watcher.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { existsSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import path from 'node:path'
import { startHarness, type Harness } from './harness.js'
import { stripLiveReload } from '../../src/serve/client.js'
import { build } from '../../src/build.js'
import { loadConfig } from '../../src/config.js'
import { MemorySink } from '../../src/output/sink.js'

const NAMES = ['Alpha', 'Beta', 'Gamma', 'sub/Delta', 'sub/Epsilon', 'sub/epsilon', 'deep/er/Zeta']
const TARGETS = ['Alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon', 'Zeta', 'sub/Delta', 'Missing', 'Nowhere']
const HEADINGS = ['Intro', 'Details', 'Zeta Part']
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex')

const file = (name: string) => `${name}.md`

const line = fc.oneof(
  fc.constantFrom(...TARGETS).map((t) => `See [[${t}]].`),
  fc.tuple(fc.constantFrom(...TARGETS), fc.constantFrom(...HEADINGS)).map(([t, h]) => `Go to [[${t}#${h}]] now.`),
  fc.tuple(fc.constantFrom(...TARGETS), fc.constantFrom('alias', 'other words')).map(([t, a]) => `[[${t}|${a}]]`),
  fc.constantFrom(...TARGETS).map((t) => `![[${t}]]`),
  fc.tuple(fc.constantFrom(...TARGETS), fc.constantFrom(...HEADINGS)).map(([t, h]) => `![[${t}#${h}]]`),
  fc.constantFrom(...HEADINGS).map((h) => `## ${h}`),
  fc.constantFrom('#topic', '#topic/sub', '#other'),
  fc.constantFrom('![[pic.png]]', 'A line ^blk1', 'See [[Alpha#^blk1]].', 'Plain words here.', '> [!note] Callout\n> body'),
)

const frontmatter = fc.oneof(
  fc.constant(''),
  fc.record({
    title: fc.option(fc.constantFrom('Alpha', 'Renamed', 'Zeta Title', 'Beta'), { nil: undefined }),
    tags: fc.option(fc.subarray(['topic', 'other', 'topic/sub']), { nil: undefined }),
    aliases: fc.option(fc.subarray(['Missing', 'Nick', 'Epsilon']), { nil: undefined }),
    draft: fc.option(fc.boolean(), { nil: undefined }),
  }).map((m) => {
    const rows = Object.entries(m).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
    return rows.length ? `---\n${rows.join('\n')}\n---\n` : ''
  }),
  fc.constant('---\ntitle: [broken\n---\n'),
)

const note = fc.tuple(frontmatter, fc.array(line, { minLength: 0, maxLength: 6 })).map(([fm, lines]) => `${fm}${lines.join('\n\n')}\n`)

type Op =
  | { op: 'write'; name: string; text: string }
  | { op: 'delete'; name: string }
  | { op: 'rename'; from: string; to: string }
  | { op: 'pic'; present: boolean }

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('write' as const), name: fc.constantFrom(...NAMES), text: note }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), name: fc.constantFrom(...NAMES) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('rename' as const), from: fc.constantFrom(...NAMES), to: fc.constantFrom(...NAMES) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('pic' as const), present: fc.boolean() }) },
)
/** Pause after an op: none (same burst), short, or until the server has settled. */
const pauseArb = fc.constantFrom(0, 0, 10, 60, -1)

const BASE: Record<string, string> = {
  'Alpha.md': '---\ntitle: Alpha\ntags: [topic]\n---\n## Intro\n\nSee [[Beta]] and [[Missing]]. A line ^blk1\n\n![[Gamma#Details]]\n',
  'Beta.md': '# Beta\n\n## Details\n\nLinks [[Alpha#Intro]] #topic/sub\n',
  'Gamma.md': '## Details\n\nGamma embeds ![[Beta]] and ![[pic.png]]\n',
  'sub/Delta.md': '---\naliases: [Nick]\n---\nDelta links [[Zeta]] and [[Epsilon]].\n',
  'pic.png': PNG as unknown as string,
}

describe('incremental == full build', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness(BASE, { debounceMs: 20, themeDir: undefined })
  })
  afterAll(() => h?.close())

  async function reset() {
    for (const name of NAMES) if (!(file(name) in BASE) && existsSync(path.join(h.dir, file(name)))) await h.remove(file(name))
    // No settling here: the reset is just more edits in the same burst.
    for (const [rel, text] of Object.entries(BASE)) await h.write(rel, text)
  }

  async function apply(o: Op) {
    const abs = (rel: string) => path.join(h.dir, rel)
    if (o.op === 'write') await h.write(file(o.name), o.text)
    else if (o.op === 'delete') await rm(abs(file(o.name)), { force: true })
    else if (o.op === 'rename') {
      if (o.from !== o.to && existsSync(abs(file(o.from)))) await h.move(file(o.from), file(o.to))
    } else if (o.present) await h.write('pic.png', PNG as unknown as string)
    else await rm(abs('pic.png'), { force: true })
  }

  /** The first difference between the served site and a clean build, or null. */
  async function difference(): Promise<string | null> {
    await h.server.settled()
    const sink = new MemorySink()
    await build({ vaultDir: h.dir, config: await loadConfig(h.dir), sink })
    const served = [...h.server.updater.files.keys()].sort()
    const built = [...sink.files.keys()].sort()
    if (served.join('\n') !== built.join('\n'))
      return `file lists differ: only served ${served.filter((f) => !sink.files.has(f)).join(', ') || '-'}; only built ${built.filter((f) => !h.server.updater.files.has(f)).join(', ') || '-'}`
    for (const [name, data] of sink.files) {
      const r = await h.get('/' + name.split('/').map(encodeURIComponent).join('/'))
      if (r.status !== 200) return `${name}: status ${r.status}`
      const got = name.endsWith('.html') ? Buffer.from(stripLiveReload(r.body)) : r.bytes
      if (!got.equals(Buffer.from(data))) return `${name} differs:\n--- built\n${Buffer.from(data).toString('utf8').slice(0, 2000)}\n--- served\n${got.toString('utf8').slice(0, 2000)}`
    }
    return null
  }

  async function expectServedEqualsBuild(steps: string) {
    // Colleagues may edit theme/ while this runs: the server watches it, so a second look after
    // it settled must agree. A stale page stays stale, so this never hides a real bug.
    const first = await difference()
    const diff = first && (await difference())
    expect(diff, `after:\n${steps}\n`).toBeNull()
  }

  it('serves exactly what a clean build of the same files produces, after random edit sequences', async () => {
    let runs = 0
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(opArb, pauseArb), { minLength: 1, maxLength: 8 }), async (seq) => {
        runs++
        await reset()
        const log: string[] = []
        for (const [o, pause] of seq) {
          log.push(JSON.stringify(o))
          await apply(o)
          if (pause === -1) await h.server.settled()
          else if (pause) await new Promise((r) => setTimeout(r, pause))
        }
        await expectServedEqualsBuild(log.join('\n'))
      }),
      { seed: 20261127, numRuns: 30, endOnFailure: true },
    )
    expect(runs).toBe(30)
  }, 180_000)
})
