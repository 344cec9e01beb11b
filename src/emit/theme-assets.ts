/** The theme's CSS, scripts and favicon, and (only where some page uses them) mermaid and KaTeX's stylesheet and fonts, under `_grove/`. */
import { readFile, readdir } from 'node:fs/promises'
import path from 'node:path'
import { createRequire } from 'node:module'
import type { Emitter } from './emitter.js'
import type { ContentFeature } from '../stages/content-html.js'
import { THEME_ASSETS, ASSET_DIR, readThemeAsset } from '../../theme/index.js'

const require = createRequire(import.meta.url)

/** Assets only some pages use; a site none of whose pages needs them does not carry them. */
const OPTIONAL: Record<string, ContentFeature> = { 'mermaid.min.js': 'mermaid' }

export const themeAssets: Emitter = {
  name: 'theme-assets',
  async emit(site, sink) {
    const used = new Set<ContentFeature>()
    for (const n of site.index.notes.keys()) for (const f of site.rendered(n).features) used.add(f)
    for (const asset of THEME_ASSETS) {
      const needs = OPTIONAL[asset.path]
      if (needs && !used.has(needs)) continue
      await sink.write(`${ASSET_DIR}/${asset.path}`, await readThemeAsset(asset))
    }
    if (!used.has('math')) return
    const katexDist = path.join(path.dirname(require.resolve('katex/package.json')), 'dist')
    await sink.write(`${ASSET_DIR}/katex/katex.min.css`, await readFile(path.join(katexDist, 'katex.min.css')))
    for (const font of (await readdir(path.join(katexDist, 'fonts'))).filter((f) => f.endsWith('.woff2')).sort())
      await sink.write(`${ASSET_DIR}/katex/fonts/${font}`, await readFile(path.join(katexDist, 'fonts', font)))
  },
}
