/**
 * One Pagefind run: the search documents of one shard in, that shard's index files out (in
 * memory, sorted by path). Pagefind's output is a pure function of the pages it is given, in
 * the order given, so the pages go in sorted.
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

export async function runPagefind(docs: Map<string, string>, primary: boolean, laneNo = 0): Promise<IndexFile[]> {
  const { index, errors } = await (await lane(laneNo)).createIndex({ keepIndexUrl: true })
  if (!index) throw new Error(`pagefind could not start: ${errors.join('; ')}`)
  try {
    for (const output of [...docs.keys()].sort()) {
      const res = await index.addHTMLFile({ url: '/' + output, content: docs.get(output) as string })
      if (res.errors.length) throw new Error(`pagefind failed on ${output}: ${res.errors.join('; ')}`)
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
