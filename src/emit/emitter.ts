/**
 * The emitter contract: a named reducer over the whole site model that writes through a Sink.
 */
import type { Root } from 'mdast'
import type { SiteConfig } from '../config.js'
import type { VaultIndex } from '../vault/vault-index.js'
import type { Sink } from '../output/sink.js'
import type { RenderInput } from '../stages/render.js'
import type { SourcePath } from '../vault/paths.js'

export interface SiteModel {
  vaultDir: string
  config: SiteConfig
  index: VaultIndex
  render: RenderInput
  trees: Map<SourcePath, Root>
  /** Attachments that published notes link to or embed: the only ones copied. */
  usedAttachments: Set<SourcePath>
}

export interface Emitter {
  name: string
  emit(site: SiteModel, sink: Sink): Promise<void>
}
