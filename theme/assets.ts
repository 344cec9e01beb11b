/**
 * The theme's static assets (CSS, client scripts, icons) and where they are: kept apart from the
 * layouts so the build's no-op check can stat them without loading the page templates.
 */
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import path from 'node:path'
import { createRequire } from 'node:module'

/** The folder holding theme sources (works from src via tsx and from dist/). */
export const THEME_DIR = (() => {
  const here = path.dirname(fileURLToPath(import.meta.url))
  // dist/theme → ../../theme ; theme → .
  return path.basename(path.dirname(here)) === 'dist' ? path.resolve(here, '../../theme') : here
})()

/** Site path of theme assets. */
export const ASSET_DIR = '_grove'

export interface ThemeAsset {
  /** Path below ASSET_DIR in the site. */
  path: string
  file: string
}

export const THEME_ASSETS: ThemeAsset[] = [
  { path: 'grove.css', file: 'styles/grove.css' },
  { path: 'grove.js', file: 'scripts/grove.js' },
  { path: 'search.js', file: 'scripts/search.js' },
  { path: 'graph.js', file: 'scripts/graph.js' },
  { path: 'favicon.svg', file: 'assets/favicon.svg' },
  // Code copy buttons and the Mermaid loader; note pages with code or diagrams load it.
  { path: 'syntax.js', file: 'scripts/syntax.js' },
  // Mermaid's classic bundle, shipped locally (no CDN); syntax.js loads it only where a diagram is.
  { path: 'mermaid.min.js', file: path.relative(THEME_DIR, createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js')) },
]

export async function readThemeAsset(asset: ThemeAsset): Promise<Buffer> {
  return readFile(path.join(THEME_DIR, asset.file))
}
