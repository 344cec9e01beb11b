/**
 * Open Graph images from front matter `image`/`cover`: an external http(s) URL is used as is; a
 * vault path (from the vault root, or relative to the note) names an attachment, which this
 * emitter copies even when no note links to it.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Emitter, SiteModel } from './emitter.js'
import type { AttachmentEntry, NoteEntry } from '../vault/vault-index.js'
import { folderOf, joinVaultPath, relativeHref, type OutputPath } from '../vault/paths.js'
import { canonicalUrl } from './page-props.js'

const isExternal = (s: string) => /^https?:\/\//i.test(s)

/** The attachment a note's `image` names, if it is a vault path that exists. */
export function imageAttachment(site: SiteModel, entry: NoteEntry): AttachmentEntry | undefined {
  const raw = entry.note.meta.image?.trim()
  if (!raw || isExternal(raw)) return undefined
  const clean = decodeURI(raw.replace(/^\[\[|\]\]$/g, '').replace(/^!\[\[|\]\]$/g, '')).replace(/^\/+/, '')
  const candidates = [joinVaultPath('', clean), joinVaultPath(folderOf(entry.source), clean)]
  for (const c of candidates) {
    if (c === null) continue
    const hit = site.index.attachmentPaths.get(c.normalize('NFC').toLowerCase())?.[0]
    if (hit) return hit
  }
  const byName = site.index.attachmentNames.get(clean.normalize('NFC').toLowerCase())
  return byName?.length === 1 ? byName[0] : undefined
}

/** The og:image URL for a note page: absolute with a baseUrl, else relative to the page. */
export function socialImageUrl(site: SiteModel, entry: NoteEntry, from: OutputPath): string | undefined {
  const raw = entry.note.meta.image?.trim()
  if (!raw) return undefined
  if (isExternal(raw)) return raw
  const att = imageAttachment(site, entry)
  if (!att) return undefined
  return canonicalUrl(site, att.output) ?? relativeHref(from, att.output)
}

export const socialImages: Emitter = {
  name: 'social-images',
  indexOnly: true,
  async emit(site, sink) {
    const wanted = new Map<string, AttachmentEntry>()
    for (const entry of site.index.notes.values()) {
      const att = imageAttachment(site, entry)
      if (att && !site.usedAttachments.has(att.source)) wanted.set(att.source, att)
    }
    for (const [source, att] of [...wanted].sort(([a], [b]) => (a < b ? -1 : 1)))
      await sink.write(att.output, await readFile(path.join(site.vaultDir, source)))
  },
}
