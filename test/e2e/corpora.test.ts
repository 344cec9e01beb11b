/**
 * Builds the real vaults in ../shared/corpora (read in place, never copied) and checks what a
 * user relies on: no crash, a titled page per published note, no dead internal href, and
 * exactly the broken links that are really broken.
 */
import { describe, it, expect, beforeAll } from 'vitest'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fromHtml } from 'hast-util-from-html'
import { select } from 'hast-util-select'
import { build, type BuildResult } from '../../src/build.js'
import { loadConfig } from '../../src/config.js'
import { MemorySink } from '../../src/output/sink.js'
import { deadHrefs, textOf } from '../helpers/build-vault.js'

const CORPORA = path.resolve('../shared/corpora')
const have = existsSync(CORPORA)
if (!have) console.warn('\n*** ../shared/corpora not found: corpus integration tests are SKIPPED ***\n')

async function buildCorpus(name: string, ignore?: string[]) {
  const vaultDir = path.join(CORPORA, name)
  const config = await loadConfig(vaultDir, undefined, ignore ? { ignore } : {})
  const sink = new MemorySink()
  const result = await build({ vaultDir, config, sink })
  return { sink, result }
}

function expectTitledPages(result: BuildResult, sink: MemorySink) {
  for (const entry of result.site.index.notes.values()) {
    const html = sink.text(entry.output)
    expect(html, entry.source).toBeDefined()
    const h1 = select('h1', fromHtml(html as string))
    expect(textOf(h1), entry.source).toBe(entry.note.title)
  }
}

describe.skipIf(!have)('corpus: logos-roadmap (published with Quartz)', () => {
  let built: Awaited<ReturnType<typeof buildCorpus>>
  beforeAll(async () => {
    built = await buildCorpus('logos-roadmap', ['private/**', 'templates/**'])
  }, 120_000)

  it('builds one titled page per published note', () => {
    expect(built.result.published).toBeGreaterThan(480)
    expectTitledPages(built.result, built.sink)
  })

  it('leaves no dead internal href', () => {
    expect(deadHrefs(built.sink)).toEqual([])
  })

  it('reports exactly the links that are broken in the vault', () => {
    const broken = built.result.diagnostics.filter((d) => d.ruleId === 'unresolved-link' || d.ruleId === 'missing-attachment').map((d) => `${d.file}:${d.line}`)
    expect(broken).toEqual([
      'codex/monthly-reports/2023-sept.md:107',
      'codex/updates/2024-06-03.md:40',
      'nomos/base-layer-spec/index.md:26',
      'nomos/base-layer-spec/index.md:33',
      'nomos/monthly-reports/2023-sept.md:76',
      'nomos/monthly-reports/2023-sept.md:92',
      'tags/component.md:5',
      'vac/dr-ice/consensus/nomos/carnot-2-3rds-vote-aggregation.md:39',
      'vac/dr-ice/consensus/nomos/carnot-2-3rds-vote-aggregation.md:54',
      'vac/dst-ice/index.md:17',
      'vac/dst-ice/index.md:23',
      'vac/dst-ice/index.md:39',
      'vac/dst/tooling/vac/visualiser-tool.md:49',
      'vac/sc/g/status/snt-optimism-bridge.md:44',
      'vac/updates/2024-04-29.md:85',
      'waku/reports.md:18',
      'waku/waku-milestones.md:28',
    ])
  })

  it('suggests the intended note for a link written with the content/ prefix', () => {
    const d = built.result.diagnostics.find((x) => x.file === 'codex/monthly-reports/2023-sept.md' && x.line === 107)
    expect(d?.message).toContain('did you mean codex/updates/2023-09-29?')
  })
})

describe.skipIf(!have)('corpus: obsidian-help-en (Obsidian Publish)', () => {
  let built: Awaited<ReturnType<typeof buildCorpus>>
  beforeAll(async () => {
    built = await buildCorpus('obsidian-help-en')
  }, 120_000)

  it('builds one titled page per note and leaves no dead internal href', () => {
    expect(built.result.published).toBe(173)
    expectTitledPages(built.result, built.sink)
    expect(deadHrefs(built.sink)).toEqual([])
  })

  it('resolves every link Obsidian resolves: only the help text\'s own [[Example]] samples stay unresolved', () => {
    const unresolved = built.result.diagnostics.filter((d) => d.ruleId === 'unresolved-link')
    expect(unresolved.length).toBe(6)
    for (const d of unresolved) expect(d.message).toMatch(/Cannot resolve (\[\[Example|Example\.md)/)
    expect(built.result.diagnostics.filter((d) => d.ruleId === 'ambiguous-link')).toEqual([])
  })
})

describe.skipIf(!have)('corpus: quartz-docs', () => {
  let built: Awaited<ReturnType<typeof buildCorpus>>
  beforeAll(async () => {
    built = await buildCorpus('quartz-docs', ['private/**', 'templates/**', '.obsidian/**'])
  }, 120_000)

  it('builds one titled page per note and leaves no dead internal href', () => {
    expect(built.result.published).toBeGreaterThan(70)
    expectTitledPages(built.result, built.sink)
    expect(deadHrefs(built.sink)).toEqual([])
  })

  it('resolves links to generated tag pages and folder pages', () => {
    const unresolved = built.result.diagnostics.filter((d) => d.ruleId === 'unresolved-link').map((d) => d.message)
    expect(unresolved).toEqual([expect.stringContaining('[[quartz layout.png')])
  })
})
