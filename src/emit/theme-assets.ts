/** The theme's CSS, scripts and favicon, and KaTeX's stylesheet and fonts, under `_grove/`. */
import { readFile, readdir } from 'node:fs/promises'
import path from 'node:path'
import { createRequire } from 'node:module'
import type { Emitter } from './emitter.js'
import { THEME_ASSETS, ASSET_DIR, readThemeAsset } from '../../theme/index.js'

const require = createRequire(import.meta.url)

export const themeAssets: Emitter = {
  name: 'theme-assets',
  async emit(_site, sink) {
    for (const asset of THEME_ASSETS) await sink.write(`${ASSET_DIR}/${asset.path}`, await readThemeAsset(asset))
    const katexDist = path.join(path.dirname(require.resolve('katex/package.json')), 'dist')
    await sink.write(`${ASSET_DIR}/katex/katex.min.css`, await readFile(path.join(katexDist, 'katex.min.css')))
    for (const font of (await readdir(path.join(katexDist, 'fonts'))).filter((f) => f.endsWith('.woff2')).sort())
      await sink.write(`${ASSET_DIR}/katex/fonts/${font}`, await readFile(path.join(katexDist, 'fonts', font)))
  },
}
