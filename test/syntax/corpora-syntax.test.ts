/**
 * Syntax fidelity on the real vaults in ../shared/corpora (read in place): every callout in a
 * note's source (outside code) is a callout element on its page, no `[!` or `![[` is left as
 * visible text outside code, no embed renders empty, and the help vault's embed counts hold.
 * Source counts come from a small line scanner that is independent of Grove's parser.
 */
import { describe, it, expect, beforeAll } from 'vitest'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { Element, Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { build } from '../../src/build.js'
import { loadConfig } from '../../src/config.js'
import { MemorySink } from '../../src/output/sink.js'
import { select, selectAll, textOf } from '../helpers/build-vault.js'

const CORPORA = path.resolve('../shared/corpora')
const have = existsSync(CORPORA)
if (!have) console.warn('\n*** ../shared/corpora not found: corpus syntax tests are SKIPPED ***\n')

interface SourceCounts {
  callouts: number
  types: Set<string>
  fragmentEmbeds: number
  blockEmbeds: number
  sizedImages: number
  titledFences: number
  /** `![alt](img.png#interface)`: rendered like `![[img.png#interface]]`. */
  markdownFragmentImages: number
}

/** Counts constructs per line, skipping fenced code and inline code spans. */
function scan(text: string): SourceCounts {
  const c: SourceCounts = { callouts: 0, types: new Set(), fragmentEmbeds: 0, blockEmbeds: 0, sizedImages: 0, titledFences: 0, markdownFragmentImages: 0 }
  let fence: string | null = null
  for (const line of text.split(/\r?\n/)) {
    const fm = /^\s*(?:>\s*)*(`{3,}|~{3,})(.*)$/.exec(line)
    if (fence) {
      if (fm && fm[1][0] === fence[0] && fm[1].length >= fence.length && !fm[2].trim()) fence = null
      continue
    }
    if (fm) {
      fence = fm[1]
      if (/(^|\s)title=/.test(fm[2])) c.titledFences++
      continue
    }
    const callout = /^\s*(?:>\s*)+\[!([^\]\s]+)\]/.exec(line)
    if (callout) {
      c.callouts++
      c.types.add(callout[1].toLowerCase())
    }
    const prose = line.replace(/`[^`]*`/g, '')
    for (const m of prose.matchAll(/!\[[^\]]*\]\(([^)\s]+)/g)) if (!/^[a-z]+:/i.test(m[1]) && m[1].includes('#')) c.markdownFragmentImages++
    for (const m of prose.matchAll(/!\[\[([^\]]+)\]\]/g)) {
      const [target, ...rest] = m[1].replace(/\\\|/g, '|').split('|')
      const [file, fragment] = target.split('#')
      const image = /\.(png|jpe?g|gif|svg|webp|avif|bmp)$/i.test(file)
      if (fragment?.startsWith('^')) c.blockEmbeds++
      else if (fragment !== undefined && !/\.pdf$/i.test(file)) c.fragmentEmbeds++
      if (image && rest.length && /^\d+(x\d+)?$/.test(rest[rest.length - 1].trim())) c.sizedImages++
    }
  }
  return c
}

interface Page {
  source: string
  counts: SourceCounts
  content: Element
}

async function buildCorpus(name: string): Promise<Page[]> {
  const vaultDir = path.join(CORPORA, name)
  const config = await loadConfig(vaultDir)
  const sink = new MemorySink()
  const result = await build({ vaultDir, config, sink })
  return [...result.site.index.notes.values()].map((entry) => {
    const tree = fromHtml(sink.text(entry.output) ?? '') as Root
    const content = select('.page-content', tree)
    if (!content) throw new Error(`no content for ${entry.source}`)
    return { source: entry.source, counts: scan(readFileSync(path.join(vaultDir, entry.source), 'utf8')), content }
  })
}

/** Elements of `selector` in the page's own content, not inside an embedded note. */
function own(content: Element, selector: string): Element[] {
  const nested = selector.split(',').map((s) => '.markdown-embed-content ' + s.trim()).join(', ')
  const inEmbeds = new Set(selectAll(nested, content))
  return selectAll(selector, content).filter((el) => !inEmbeds.has(el))
}

/** Visible text outside code, per text node. */
function proseTexts(node: Element, out: string[] = []): string[] {
  for (const child of node.children) {
    if (child.type === 'text') out.push(child.value)
    else if (child.type === 'element' && !['pre', 'code', 'script', 'style'].includes(child.tagName)) proseTexts(child, out)
  }
  return out
}

function expectCommonFidelity(pages: () => Page[]) {
  it('turns every callout of a note into a callout element on its page', () => {
    const wrong = pages()
      .map((p) => ({ source: p.source, want: p.counts.callouts, got: own(p.content, '.callout').length }))
      .filter((x) => x.want !== x.got)
    expect(wrong).toEqual([])
  })

  it('leaves no [! or ![[ as visible text outside code', () => {
    const leaks = pages().flatMap((p) => proseTexts(p.content).filter((t) => t.includes('[!') || t.includes('![[')).map((t) => `${p.source}: ${t.trim().slice(0, 60)}`))
    expect(leaks).toEqual([])
  })

  it('renders no embed empty', () => {
    const empty = pages().flatMap((p) =>
      selectAll('.markdown-embed-content', p.content)
        .filter((e) => !textOf(e) && !select('img, audio, video, iframe', e))
        .map(() => p.source),
    )
    expect(empty).toEqual([])
  })
}

describe.skipIf(!have)('syntax on corpus obsidian-help-en', () => {
  let pages: Page[] = []
  beforeAll(async () => {
    pages = await buildCorpus('obsidian-help-en')
  }, 120_000)
  const total = (key: 'callouts' | 'fragmentEmbeds' | 'blockEmbeds' | 'sizedImages') => pages.reduce((n, p) => n + p.counts[key], 0)

  it('has the documented source counts: 264 callouts of 20 types, 253 #fragment and 13 block embeds', () => {
    expect(total('callouts')).toBe(264)
    expect(new Set(pages.flatMap((p) => [...p.counts.types])).size).toBe(20)
    expect(total('fragmentEmbeds')).toBe(253)
    expect(total('blockEmbeds')).toBe(13)
  })

  expectCommonFidelity(() => pages)

  it('renders every heading embed as a note embed and every #fragment image or video as media', () => {
    const noteEmbeds = (p: Page) => own(p.content, '.markdown-embed[src*="#"]').filter((e) => !String(e.properties.src).includes('#^'))
    const mediaEmbeds = (p: Page) => own(p.content, 'span.image-embed[src*="#"], span.media-embed[src*="#"], span.internal-embed.is-unresolved[src*="#"]')
    const wrong = pages
      .map((p) => ({ source: p.source, want: p.counts.fragmentEmbeds + p.counts.markdownFragmentImages, got: noteEmbeds(p).length + mediaEmbeds(p).length }))
      .filter((x) => x.want !== x.got)
    expect(wrong).toEqual([])
    for (const e of pages.flatMap(noteEmbeds)) expect(select('.markdown-embed-content > :first-child', e)?.tagName).toMatch(/^h[1-6]$/)
  })

  it('renders the 13 block embeds with exactly one block each', () => {
    const blocks = pages.flatMap((p) => own(p.content, '.markdown-embed[src*="#^"]'))
    expect(blocks).toHaveLength(13)
    for (const b of blocks) {
      const kids = (select(':scope > .markdown-embed-content', b) as Element).children.filter((c) => c.type === 'element')
      expect(kids, String(b.properties.src)).toHaveLength(1)
    }
  })

  it('gives every sized image embed its width', () => {
    const sized = pages.flatMap((p) => own(p.content, 'span.image-embed > img[width]'))
    expect(sized.length).toBeGreaterThanOrEqual(total('sizedImages'))
  })
})

describe.skipIf(!have)('syntax on corpus quartz-docs', () => {
  let pages: Page[] = []
  beforeAll(async () => {
    pages = await buildCorpus('quartz-docs')
  }, 120_000)

  expectCommonFidelity(() => pages)

  it('renders nested and foldable callouts', () => {
    expect(pages.some((p) => select('.callout .callout-content .callout', p.content))).toBe(true)
    expect(pages.some((p) => select('details.callout[data-callout-fold="-"]:not([open])', p.content))).toBe(true)
    expect(pages.some((p) => select('details.callout[open]', p.content))).toBe(true)
  })

  it('gives every titled code block its title', () => {
    const want = pages.reduce((n, p) => n + p.counts.titledFences, 0)
    expect(want).toBeGreaterThan(20)
    expect(pages.reduce((n, p) => n + own(p.content, '.code-block > .code-title').length, 0)).toBe(want)
  })
})
