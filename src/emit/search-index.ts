/**
 * The full-text search index: Pagefind over the article of every published note page (drafts
 * never reach it, because they never become pages). Pages are handed over by writePage as they
 * are written. The pages are split into shards (see search-shards.ts for the layout), each its
 * own Pagefind index, and a shard whose pages are unchanged reuses the files of the last build
 * (site.memo, `search-index:<shard>`): an edit re-runs Pagefind over one shard, not the vault.
 * The index files come back from Pagefind in memory and go through the Sink under
 * `_grove/pagefind/`; the client merges the shards into one result list. Pagefind splits each
 * index into fragments, so a query downloads only what it needs. Only the search API and its
 * data are written, not Pagefind's UI.
 */
import { availableParallelism } from 'node:os'
import { h } from 'hastscript'
import { toHtml } from 'hast-util-to-html'
import type { Root, Element, ElementContent, RootContent } from 'hast'
import type { Emitter, SiteModel } from './emitter.js'
import type { Sink } from '../output/sink.js'
import type { OutputPath } from '../vault/paths.js'
import { SEARCH_DIR } from './site-paths.js'
import { planShards, shardDir, shardKey, sha1, SHARDS_MANIFEST } from './search-shards.js'
import { runPagefind, type IndexFile } from './search-pagefind.js'
import { shardFolder, fillShardFolder, pruneStore, dropShardFolder } from './search-docs.js'

export { searchShardOf, shardCount } from './search-shards.js'

/**
 * The note pages handed over so far, per site: their search documents (pages laid out in this
 * build) and the documents' hashes (known for every page kept or carried from the last build,
 * and for pages laid out here).
 */
const queues = new WeakMap<SiteModel, { docs: Map<string, string>; hashes: Map<string, string>; laidOut: number }>()
function queueOf(site: SiteModel) {
  let q = queues.get(site)
  if (!q) queues.set(site, (q = { docs: new Map(), hashes: new Map(), laidOut: 0 }))
  return q
}

/** Languages Pagefind segments itself; for any other site language CJK runs are split here. */
const SEGMENTED_BY_PAGEFIND = /^(zh|ja)\b/i
const CJK_SCRIPTS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u
/**
 * Every Han, Hiragana and Katakana code point is at U+2E80 or above (astral Han as surrogates),
 * and a plain range scans an article several times faster than the Unicode property classes
 * (~0.2 ms a page), so most pages are cleared by the range alone.
 */
const MAYBE_CJK = /[\u2E80-\uFFFF]/
export const hasCjk = (text: string): boolean => MAYBE_CJK.test(text) && CJK_SCRIPTS.test(text)
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々〆〤]+/gu

let segmenter: Intl.Segmenter | undefined
/** '全文検索は' → '全文 検索 は': word boundaries Pagefind can index in a non-CJK site. */
export function segmentCjk(text: string): string {
  if (!hasCjk(text)) return text
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

/** Where the page's article is: its parent's children and its index there (the first article, depth first). */
function articleSlot(nodes: Array<RootContent | ElementContent>): { siblings: Array<RootContent | ElementContent>; i: number } | undefined {
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]
    if (n.type !== 'element') continue
    if (n.tagName === 'article') return { siblings: nodes, i }
    const inner = articleSlot(n.children)
    if (inner) return inner
  }
  return undefined
}

function findArticle(nodes: Array<RootContent | ElementContent>): Element | undefined {
  const slot = articleSlot(nodes)
  return slot && (slot.siblings[slot.i] as Element)
}

/** Queues a page for the search index as the HTML document Pagefind reads, with its sha1 when known. */
export function queueSearchPage(site: SiteModel, output: string, doc: string, hash?: string): void {
  const q = queueOf(site)
  q.docs.set(output, doc)
  if (hash !== undefined) q.hashes.set(output, hash)
}

/** The search document of a note page's tree: its article only (which carries data-pagefind-body), CJK runs split. */
export function searchDocumentOfTree(site: SiteModel, page: Root): string | undefined {
  const article = findArticle(page.children)
  if (!article) return undefined
  const lang = site.config.language
  const body = SEGMENTED_BY_PAGEFIND.test(lang) ? article : (mapText(article, segmentCjk) as Element)
  return toHtml(documentAround(lang, [body]), { allowDangerousHtml: true })
}

const documentAround = (lang: string, body: ElementContent[]): Root => ({ type: 'root', children: [{ type: 'doctype' }, h('html', { lang }, [h('head', [h('meta', { charSet: 'utf-8' })]), h('body', body)])] })
const frames = new Map<string, [string, string]>()
/** The document's HTML before and after the article, per site language. */
function frameFor(lang: string): [string, string] {
  let frame = frames.get(lang)
  if (!frame) {
    const [before, after] = toHtml(documentAround(lang, [])).split('</body>')
    frames.set(lang, (frame = [before, '</body>' + after]))
  }
  return frame
}

/**
 * A note page's HTML and its search document. The article is serialised once, on its own, and
 * goes into both: the page as a raw node in its place, the document as its body (a second
 * serialisation of the article was a quarter of a note page's layout). Only an article with CJK
 * text in a language Pagefind does not segment is serialised again, with its runs split.
 */
export function notePageHtml(site: SiteModel, page: Root): { html: string; search?: string } {
  const slot = articleSlot(page.children)
  if (!slot) return { html: toHtml(page, { allowDangerousHtml: true }) }
  const node = slot.siblings[slot.i]
  const article = toHtml(node as Element, { allowDangerousHtml: true })
  let html: string
  try {
    slot.siblings[slot.i] = { type: 'raw', value: article } as unknown as ElementContent
    html = toHtml(page, { allowDangerousHtml: true })
  } finally {
    slot.siblings[slot.i] = node
  }
  const lang = site.config.language
  if (!SEGMENTED_BY_PAGEFIND.test(lang) && hasCjk(article)) return { html, search: searchDocumentOfTree(site, page) }
  const [before, after] = frameFor(lang)
  return { html, search: before + article + after }
}

const plans = new WeakMap<SiteModel['index'], string[][]>()
/**
 * The site's note pages by search shard (planShards): the note-pages emitter lays them out in
 * this order. Once per index (a pure function of its pages), like notePageMaps.
 */
export function searchShardPlan(site: SiteModel): string[][] {
  let plan = plans.get(site.index)
  if (!plan) plans.set(site.index, (plan = planShards([...site.index.notes.values()].map((n) => n.output as string))))
  return plan
}

const orders = new WeakMap<SiteModel, number[]>()
/**
 * The order in which the note pages' shards are laid out and indexed: in shard order, except in
 * a body-only build, where the shards with a page to lay out come first, so Pagefind starts on
 * them while the other shards' pages are carried over (10k pages: ~0.3 s of links and stats).
 */
export function searchShardOrder(site: SiteModel): number[] {
  let order = orders.get(site)
  if (order) return order
  const plan = searchShardPlan(site)
  order = plan.map((_, i) => i)
  const fresh = site.fresh
  if (fresh) {
    const freshPages = new Set([...fresh].map((s) => site.index.notes.get(s)?.output as string))
    const first = new Set(order.filter((i) => plan[i].some((o) => freshPages.has(o))))
    order.sort((a, b) => Number(first.has(b)) - Number(first.has(a)) || a - b)
  }
  orders.set(site, order)
  return order
}

/**
 * Shards whose pages are still being laid out. When the build runs the search index alongside
 * the note pages, it calls expectPages first; the note-pages emitter, which lays pages out shard
 * by shard, calls shardPagesDone after each, so Pagefind indexes a shard while the next one is
 * laid out, on the other core.
 */
const waiting = new WeakMap<SiteModel, Array<ReturnType<typeof deferred<void>>>>()
export function expectPages(site: SiteModel): void {
  waiting.set(site, searchShardPlan(site).map(() => deferred<void>()))
}
/** Shard `i`'s pages are queued or kept; undefined: every shard (also after a failure). */
export function shardPagesDone(site: SiteModel, i?: number): void {
  const list = waiting.get(site)
  if (!list) return
  if (i === undefined) for (const d of list) d.resolve()
  else list[i]?.resolve()
}

/**
 * A note page the build kept from the last one without laying it out: its search document is
 * known only by hash ('' when it has none). Its shard is reused if nothing else in it changed.
 */
export function keepSearchPage(site: SiteModel, output: string, docHash: string): void {
  queueOf(site).hashes.set(output, docHash)
}

/** Lays out the note pages of `outputs` into a throwaway sink, which queues their documents. */
async function layOut(site: SiteModel, outputs: Set<string>): Promise<void> {
  const { emitNotePage, notePageMaps } = await import('./note-pages.js')
  // keep() refuses, so every page is really laid out (and its memo entry stays a hash).
  const discard: Sink = { write: async () => {}, keep: async () => false, commit: async () => {}, abort: async () => {} }
  const maps = notePageMaps(site)
  queueOf(site).laidOut += outputs.size
  for (const output of [...outputs].sort()) {
    const entry = maps.byOutput.get(output)
    if (entry) await emitNotePage(site, discard, entry, maps)
  }
}

/**
 * The documents of a shard's pages, as hashes first: queued documents, or hashes of kept pages.
 * Pages known neither way (the emitter run on its own) are laid out first.
 */
async function shardHashes(site: SiteModel, outputs: string[]): Promise<Array<[string, string]>> {
  const q = queueOf(site)
  const unknown = outputs.filter((o) => !q.docs.has(o) && !q.hashes.has(o))
  if (unknown.length) await layOut(site, new Set(unknown))
  const out: Array<[string, string]> = []
  for (const o of outputs) {
    const doc = q.docs.get(o)
    const hash = q.hashes.get(o) ?? (doc === undefined ? undefined : sha1(doc))
    if (hash) out.push([o, hash])
  }
  return out
}

/**
 * Runs Pagefind over shard `i`: its documents go into a folder for the run (search-docs.ts), those
 * of kept pages from the cache's store; pages whose document is in neither are laid out again.
 */
async function indexShard(site: SiteModel, i: number, outputs: string[], laneNo: number): Promise<IndexFile[]> {
  const q = queueOf(site)
  const folder = shardFolder(site.searchDocsDir, i)
  try {
    const want = await shardHashes(site, outputs)
    pruneStore(folder, want.map(([o]) => o))
    let missing = await fillShardFolder(folder, want, q.docs)
    if (missing.length) {
      await layOut(site, new Set(missing))
      const again = new Set(missing)
      missing = await fillShardFolder(folder, (await shardHashes(site, outputs)).filter(([o]) => again.has(o)), q.docs)
    }
    return await runPagefind(folder.dir, want.length - missing.length, i === 0, laneNo)
  } finally {
    await dropShardFolder(folder)
  }
}

export interface SearchIndexStats {
  shards: number
  /** The shards Pagefind ran for in this build; the others came from the memo. */
  reindexed: number[]
  /** Pages laid out only for their search document (kept pages whose document was in no folder). */
  laidOut: number
}
const stats = new WeakMap<SiteModel, SearchIndexStats>()
/** What the last search-index run of a site did (for tests and profiling). */
export const searchIndexStats = (site: SiteModel): SearchIndexStats | undefined => stats.get(site)

const MEMO = 'search-index:'
/** Pagefind processes at once (see search-pagefind.ts): one per core of the build machine. */
const LANES = Math.max(1, Math.min(2, availableParallelism()))

function deferred<T>() {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((a, b) => {
    resolve = a
    reject = b
  })
  promise.catch(() => {}) // awaited in order by the writer; a failure is reported there
  return { promise, resolve, reject }
}

/** An index file as remembered between builds: always its hash, its bytes only where no file on disk can be kept. */
interface ShardFile {
  path: string
  hash: string
  content?: Uint8Array
}

/** One shard's index files: from the memo when its pages are unchanged, else from a Pagefind run. */
async function shardFiles(site: SiteModel, i: number, outputs: string[], reindexed: number[], laneNo: number, keepable: boolean): Promise<ShardFile[]> {
  await waiting.get(site)?.[i]?.promise
  const hashes = await shardHashes(site, outputs)
  // An empty merged shard writes nothing (an index without pages would fail the client's merge);
  // the primary always runs, since it carries the JS bundle.
  if (i > 0 && hashes.length === 0) {
    site.memo?.delete(MEMO + i)
    return []
  }
  const key = shardKey(i === 0, hashes)
  const last = site.memo?.get(MEMO + i) as { key: string; value: ShardFile[] } | undefined
  if (last?.key === key && Array.isArray(last.value) && last.value.every((f) => typeof f.hash === 'string')) return last.value
  reindexed.push(i)
  const files = (await indexShard(site, i, outputs, laneNo)).map((f) => ({ ...f, hash: sha1(f.content) }))
  // A build into a folder keeps unchanged index files by hash: the cache need not hold their bytes.
  site.memo?.set(MEMO + i, { key, value: keepable ? files.map(({ path, hash }) => ({ path, hash })) : files })
  return files
}

export const searchIndex: Emitter = {
  name: 'search-index',
  async emit(site, sink) {
    try {
      const shards = searchShardPlan(site)
      const reindexed: number[] = []
      const merge: string[] = []
      // Shards are indexed on LANES Pagefind processes at once; the merge list is in shard order.
      const done = shards.map(() => deferred<ShardFile[]>())
      // In the order the note-pages emitter finishes them.
      const order = searchShardOrder(site)
      let next = 0
      const lane = async (laneNo: number) => {
        for (let n = next++; n < order.length; n = next++) {
          const i = order[n]
          await shardFiles(site, i, shards[i], reindexed, laneNo, sink.keep !== undefined).then(done[i].resolve, done[i].reject)
        }
      }
      const lanes = Promise.all(Array.from({ length: Math.min(LANES, shards.length) }, (_, l) => lane(l)))
      // Remembered files that could not be kept (the previous output was changed on disk): indexed again.
      const lost = new Map<number, Set<string>>()
      const out = async (i: number, files: ShardFile[]) => {
        for (const f of files) {
          const file = `${SEARCH_DIR}/${shardDir(i)}${f.path}`
          if (f.content === undefined && (await sink.keep?.(file, f.hash))) continue
          if (f.content !== undefined) await sink.write(file, f.content)
          else lost.set(i, (lost.get(i) ?? new Set<string>()).add(f.path))
        }
      }
      try {
        // Shards are written as they come: after an edit, the unchanged shards' thousands of files
        // are kept while Pagefind re-indexes the edited one (not after it, in shard order).
        const written = new Set<number>()
        const pending = new Map(done.map((d, i) => [i, d.promise.then((files) => ({ i, files }))]))
        for (const p of pending.values()) p.catch(() => {}) // the race reports the first failure
        while (pending.size) {
          const { i, files } = await Promise.race(pending.values())
          pending.delete(i)
          await out(i, files)
          if (files.length) written.add(i)
        }
        for (let i = 1; i < shards.length; i++) if (written.has(i)) merge.push(shardDir(i))
      } finally {
        // Nothing may still be indexing when the emitter returns, even after a failure.
        await lanes
      }
      // Pagefind's output is a pure function of its pages, so a second run gives the same files.
      for (const [i, paths] of lost) {
        reindexed.push(i)
        for (const f of await indexShard(site, i, shards[i], 0))
          if (paths.has(f.path)) await sink.write(`${SEARCH_DIR}/${shardDir(i)}${f.path}`, f.content)
      }
      await sink.write(`${SEARCH_DIR}/${SHARDS_MANIFEST}`, JSON.stringify({ merge }))
      // Entries of shards that no longer exist (and the single entry of old) only weigh down the cache.
      for (const k of [...(site.memo?.keys() ?? [])]) {
        if (k === 'search-index' || (k.startsWith(MEMO) && !(Number(k.slice(MEMO.length)) < shards.length))) site.memo?.delete(k)
      }
      stats.set(site, { shards: shards.length, reindexed: reindexed.sort((a, b) => a - b), laidOut: queueOf(site).laidOut })
    } finally {
      queues.delete(site)
      waiting.delete(site)
    }
  },
}
