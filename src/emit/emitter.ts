/**
 * The emitter contract: a named reducer over the whole site model that writes through a Sink.
 */
import type { Root as HastRoot } from 'hast'
import type { SiteConfig } from '../config.js'
import type { VaultIndex } from '../vault/vault-index.js'
import type { Sink } from '../output/sink.js'
import type { SourcePath } from '../vault/paths.js'
import type { ContentHtml } from '../stages/content-html.js'
import type { PageMemo } from '../cache/build-cache.js'

export interface SiteModel {
  vaultDir: string
  config: SiteConfig
  index: VaultIndex
  /** The rendered body of a published note as HTML (links relative to its own page). */
  rendered: (source: SourcePath) => ContentHtml
  /** The same body as a tree (parsed on demand; for the few emitters that rewrite it). */
  content: (source: SourcePath) => HastRoot
  /** Pages of an earlier build by output (props hash, bytes hash; the page itself in a session), reused when their props match. */
  pageMemo?: Map<string, PageMemo>
  /**
   * Results of expensive vault-wide work from an earlier build (cache), keyed by a name; each
   * entry carries the hash of its inputs and is reused only when that hash matches.
   */
  memo?: Map<string, { key: string; value: unknown }>
  /**
   * A folder in the build cache where the search index keeps its documents between builds, so
   * re-indexing a shard does not lay its unchanged pages out again (search-docs.ts).
   */
  searchDocsDir?: string
  /** Attachments that published notes link to or embed: the only ones copied. */
  usedAttachments: Set<SourcePath>
  /**
   * In a body-only build (see build-shape.ts), the notes whose pages may differ from the last
   * build's; every other note page is carried over. Undefined: every page is laid out.
   */
  fresh?: ReadonlySet<SourcePath>
}

export interface Emitter {
  name: string
  /**
   * True for emitters whose output depends only on the config, the index and the discovered
   * vault files, never on note bodies: a body-only build (build-shape.ts) carries their files
   * over unchanged instead of running them. A function decides per build (it may read
   * `site.fresh`, the notes whose bodies may have changed).
   */
  indexOnly?: boolean | ((site: SiteModel) => boolean)
  /**
   * Starts work that needs only the index, off the main thread, before any emitter runs, so it
   * overlaps the emitters ahead of this one. Called only for an emitter that will run; its
   * failures are reported by emit().
   */
  prepare?(site: SiteModel): void
  emit(site: SiteModel, sink: Sink): Promise<void>
}
