/**
 * The emitter contract: a named reducer over the whole site model that writes through a Sink.
 */
import type { Root as HastRoot } from 'hast'
import type { SiteConfig } from '../config.js'
import type { VaultIndex } from '../vault/vault-index.js'
import type { Sink } from '../output/sink.js'
import type { SourcePath } from '../vault/paths.js'

export interface SiteModel {
  vaultDir: string
  config: SiteConfig
  index: VaultIndex
  /** The rendered body of a published note (links relative to its own page). */
  content: (source: SourcePath) => HastRoot
  /** Attachments that published notes link to or embed: the only ones copied. */
  usedAttachments: Set<SourcePath>
}

export interface Emitter {
  name: string
  emit(site: SiteModel, sink: Sink): Promise<void>
}
