/** A `favicon.svg` or `favicon.ico` at the vault root replaces the theme's favicon (copied to `_grove/site-favicon.*`). */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Emitter } from './emitter.js'
import { siteFaviconOutput } from './page-props.js'

export const siteFavicon: Emitter = {
  name: 'site-favicon',
  async emit(site, sink) {
    const out = siteFaviconOutput(site)
    if (!out) return
    await sink.write(out, await readFile(path.join(site.vaultDir, out.slice(out.lastIndexOf('site-') + 5))))
  },
}
