/**
 * Where the site-wide outputs live (graph page, feeds, data files), in one place so pages can
 * link to them and emitters that claim paths (redirects) can avoid them.
 */
import { ASSET_DIR } from '../../theme/index.js'
import { asOutputPath, asSlug, folderSlug, pageOutputPath, type OutputPath } from '../vault/paths.js'
import type { SiteModel } from './emitter.js'

export const GRAPH_JSON = asOutputPath(`${ASSET_DIR}/graph.json`)
export const EXPLORER_JSON = asOutputPath(`${ASSET_DIR}/explorer.json`)
export const SEARCH_DIR = `${ASSET_DIR}/pagefind`

/** The global graph page: `graph.html`, or `_grove/graph.html` when a note or folder owns that path. */
export function graphPageOutput(site: SiteModel): OutputPath {
  const taken = site.index.bySlug.has(asSlug('graph')) || [...site.index.folders.values()].some((f) => f.slug === 'graph')
  return taken ? asOutputPath(`${ASSET_DIR}/graph.html`) : pageOutputPath(asSlug('graph'))
}

export interface FeedPaths {
  rss: OutputPath
  atom: OutputPath
}

/** Feeds of the whole site (folder '') or of one top-level folder: `feed.xml` and `atom.xml` beside its page. */
export function feedPaths(folder: string): FeedPaths {
  const dir = folder ? folderSlug(folder).slice(0, -'index'.length) : ''
  return { rss: asOutputPath(`${dir}feed.xml`), atom: asOutputPath(`${dir}atom.xml`) }
}
