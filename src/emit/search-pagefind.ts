/**
 * One Pagefind run: the search documents of one shard in, that shard's index files out (in
 * memory, sorted by path). The documents are files in a folder (search-docs.ts), indexed with
 * addDirectory: Pagefind reads and parses them on its own threads, where one addHTMLFile message
 * per page cost about twice the CPU (measured: 1k pages on one core, 1.5–1.9 s against 1.1 s;
 * 150 pages, 500 against 175 ms). Result URLs come out percent-encoded ('/caf%C3%A9.html'),
 * which the browser resolves to the same page. Pagefind's output is a pure function of the files.
 */
import * as pagefind from 'pagefind'

type PagefindApi = typeof pagefind
/**
 * Pagefind's node API talks to one indexer process per module instance, and that process works
 * on one index at a time. A second instance of the module (same file, another URL) starts a
 * second process, so two shards are indexed at once on two cores.
 */
const lanes: Array<Promise<PagefindApi>> = [Promise.resolve(pagefind)]
const lane = (i: number): Promise<PagefindApi> => (lanes[i] ??= import(`${import.meta.resolve('pagefind')}?lane=${i}`) as Promise<PagefindApi>)

export interface IndexFile {
  path: string
  content: Uint8Array
}

/** Pagefind's UI bundles and playground are not used: Grove's own search UI is much smaller. */
const SKIP = /(^|\/)(pagefind-(ui|modular-ui|component-ui)\.(js|css)|pagefind-highlight\.js|playground\/.*)$/
/** A merged shard needs only its index data: it runs on the primary's JS and WebAssembly. */
const DATA = /^(pagefind-entry\.json|pagefind\.[^/]+\.pf_meta|(index|fragment|filter)\/.+)$/

/** Indexes the `pages` documents in `dir` (see search-docs.ts), each at its page's site path. */
export async function runPagefind(dir: string, pages: number, primary: boolean, laneNo = 0): Promise<IndexFile[]> {
  const { index, errors } = await (await lane(laneNo)).createIndex({ keepIndexUrl: true })
  if (!index) throw new Error(`pagefind could not start: ${errors.join('; ')}`)
  try {
    if (pages) {
      const res = await index.addDirectory({ path: dir })
      if (res.errors.length) throw new Error(`pagefind failed: ${res.errors.join('; ')}`)
      if (res.page_count !== pages) throw new Error(`pagefind indexed ${res.page_count} of ${pages} pages`)
    }
    const { files, errors: fileErrors } = await index.getFiles()
    if (fileErrors.length) throw new Error(`pagefind failed: ${fileErrors.join('; ')}`)
    return files
      .filter((f) => (primary ? !SKIP.test(f.path) : DATA.test(f.path)))
      .map((f) => ({ path: f.path, content: f.content }))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  } finally {
    await index.deleteIndex()
  }
}
