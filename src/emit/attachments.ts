/** Copies the attachments that published notes reference, byte-identical, and only those. */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Emitter } from './emitter.js'

export const attachments: Emitter = {
  name: 'attachments',
  indexOnly: true,
  async emit(site, sink) {
    for (const source of [...site.usedAttachments].sort()) {
      const entry = site.index.attachments.get(source)
      if (!entry) continue
      await sink.write(entry.output, await readFile(path.join(site.vaultDir, source)))
    }
  },
}
