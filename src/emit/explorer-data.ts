/**
 * The explorer tree as one JSON file, loaded by grove.js on demand, so note pages carry only
 * their own branch instead of a copy of the whole vault tree.
 */
import type { Emitter, SiteModel } from './emitter.js'
import type { FolderEntry } from '../vault/vault-index.js'
import { pageOutputPath } from '../vault/paths.js'
import { folderTitle } from './page-props.js'
import { EXPLORER_JSON } from './site-paths.js'

export interface ExplorerNode {
  /** Title. */
  t: string
  /** Page path from the site root. */
  u: string
  /** Children of a folder: folders first, then notes, each by title. */
  c?: ExplorerNode[]
}

const byT = (a: ExplorerNode, b: ExplorerNode) => a.t.localeCompare(b.t, 'en') || (a.u < b.u ? -1 : 1)

export function explorerTree(site: SiteModel, folder: FolderEntry = site.index.folders.get('') as FolderEntry): ExplorerNode {
  const folders = [...folder.subfolders].map((p) => explorerTree(site, site.index.folders.get(p) as FolderEntry)).sort(byT)
  const notes = folder.notes.filter((n) => n.slug !== folder.slug).map((n): ExplorerNode => ({ t: n.note.title, u: n.output })).sort(byT)
  return { t: folderTitle(site, folder.path), u: pageOutputPath(folder.slug), c: [...folders, ...notes] }
}

export const explorerData: Emitter = {
  name: 'explorer-data',
  indexOnly: true,
  async emit(site, sink) {
    if (!site.index.folders.has('')) return
    await sink.write(EXPLORER_JSON, JSON.stringify(explorerTree(site)))
  },
}
