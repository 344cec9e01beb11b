/**
 * The full-text search index: Pagefind over the article of every published note page (drafts
 * never reach it, because they never become pages). Pages are handed over by writePage as they
 * are written; the index files come back from Pagefind in memory and go through the Sink under
 * `_grove/pagefind/`. Pagefind splits the index into fragments, so a query downloads only what
 * it needs at any vault size. Only the search API and its data are written, not Pagefind's UI.
 */
import { createHash } from 'node:crypto'
import * as pagefind from 'pagefind'
import { h } from 'hastscript'
import { toHtml } from 'hast-util-to-html'
import type { Root, Element, ElementContent, RootContent } from 'hast'
import type { Emitter, SiteModel } from './emitter.js'
import type { Sink } from '../output/sink.js'
import type { OutputPath } from '../vault/paths.js'
import { SEARCH_DIR } from './site-paths.js'

const pending = new WeakMap<SiteModel, Map<string, string>>()

/** Languages Pagefind segments itself; for any other site language CJK runs are split here. */
const SEGMENTED_BY_PAGEFIND = /^(zh|ja)\b/i
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々〆〤]+/gu

let segmenter: Intl.Segmenter | undefined
/** '全文検索は' → '全文 検索 は': word boundaries Pagefind can index in a non-CJK site. */
export function segmentCjk(text: string): string {
  if (!CJK.test(text)) return text
  segmenter ??= new Intl.Segmenter('ja', { granularity: 'word' })
  const seg = segmenter
  return text.replace(CJK_RUN, (run) => [...seg.segment(run)].map((s) => s.segment).join(' '))
}

function mapText(node: ElementContent, fn: (s: string) => string): ElementContent {
  if (node.type === 'text') return { ...node, value: fn(node.value) }
  // The note body arrives as serialised HTML: map the text between its tags.
  if ((node as { type: string }).type === 'raw') {
    const raw = node as unknown as { type: 'raw'; value: string }
    return { ...raw, value: raw.value.replace(/>([^<]+)</g, (_m, t: string) => '>' + fn(t) + '<') } as unknown as ElementContent
  }
  if (node.type !== 'element') return node
  const props = { ...node.properties }
  if (typeof props.dataAliases === 'string') props.dataAliases = fn(props.dataAliases)
  return { ...node, properties: props, children: node.children.map((c) => mapText(c, fn)) }
}

function findArticle(nodes: RootContent[] | ElementContent[]): Element | undefined {
  for (const n of nodes) {
    if (n.type !== 'element') continue
    if (n.tagName === 'article') return n
    const inner = findArticle(n.children)
    if (inner) return inner
  }
  return undefined
}

/** Queues a page for the search index as the HTML document Pagefind reads. */
export function queueSearchPage(site: SiteModel, output: string, doc: string): void {
  let map = pending.get(site)
  if (!map) pending.set(site, (map = new Map()))
  map.set(output, doc)
}

/** Queues a note page (its article only, which carries data-pagefind-body) for the search index; returns what it queued. */
export function collectSearchPage(site: SiteModel, output: OutputPath, page: Root): string | undefined {
  const article = findArticle(page.children)
  if (!article) return undefined
  const lang = site.config.language
  const body = SEGMENTED_BY_PAGEFIND.test(lang) ? article : (mapText(article, segmentCjk) as Element)
  const doc: Root = { type: 'root', children: [{ type: 'doctype' }, h('html', { lang }, [h('head', [h('meta', { charSet: 'utf-8' })]), h('body', [body])])] }
  const html = toHtml(doc, { allowDangerousHtml: true })
  queueSearchPage(site, output, html)
  return html
}

async function pagesOf(site: SiteModel): Promise<Map<string, string>> {
  const map = pending.get(site)
  if (map && map.size > 0) return map
  // Run on its own (no note-pages pass before it): render the note pages into a throwaway sink.
  const { emitNotePage } = await import('./note-pages.js')
  const discard: Sink = { write: async () => {}, commit: async () => {}, abort: async () => {} }
  const folders = new Map([...site.index.folders.values()].map((f) => [f.slug, f]))
  const tags = new Map([...site.index.tags.values()].map((t) => [t.slug, t]))
  for (const entry of site.index.notes.values()) await emitNotePage(site, discard, entry, { folders, tags })
  return pending.get(site) ?? new Map()
}

/** Pagefind's UI bundles and playground are not used: Grove's own search UI is much smaller. */
const SKIP = /(^|\/)(pagefind-(ui|modular-ui|component-ui)\.(js|css)|pagefind-highlight\.js|playground\/.*)$/

export const searchIndex: Emitter = {
  name: 'search-index',
  async emit(site, sink) {
    const pages = await pagesOf(site)
    const published = new Set([...site.index.notes.values()].map((n) => n.output as string))
    // Pagefind's output is a pure function of the pages it is given: reuse it when they match.
    const hash = createHash('sha1')
    for (const output of [...pages.keys()].sort()) if (published.has(output)) hash.update(output + '\0' + (pages.get(output) as string) + '\0')
    const key = hash.digest('hex')
    const last = site.memo?.get('search-index') as { key: string; value: Array<{ path: string; content: Uint8Array }> } | undefined
    if (last?.key === key) {
      pending.delete(site)
      for (const f of last.value) await sink.write(`${SEARCH_DIR}/${f.path}`, f.content)
      return
    }
    const written: Array<{ path: string; content: Uint8Array }> = []
    const { index, errors } = await pagefind.createIndex({ keepIndexUrl: true })
    if (!index) throw new Error(`pagefind could not start: ${errors.join('; ')}`)
    try {
      for (const output of [...pages.keys()].sort()) {
        if (!published.has(output)) continue
        const res = await index.addHTMLFile({ url: '/' + output, content: pages.get(output) as string })
        if (res.errors.length) throw new Error(`pagefind failed on ${output}: ${res.errors.join('; ')}`)
      }
      const { files, errors: fileErrors } = await index.getFiles()
      if (fileErrors.length) throw new Error(`pagefind failed: ${fileErrors.join('; ')}`)
      for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) {
        if (SKIP.test(f.path)) continue
        await sink.write(`${SEARCH_DIR}/${f.path}`, f.content)
        written.push({ path: f.path, content: f.content })
      }
      site.memo?.set('search-index', { key, value: written })
    } finally {
      pending.delete(site)
      await index.deleteIndex()
    }
  },
}
