/**
 * The theme's static assets (CSS, client scripts, icons) and where they are: kept apart from the
 * layouts so the build's no-op check can stat them without loading the page templates.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { createRequire } from 'node:module'
import { packageRoot } from '../src/package-root.js'

/** The folder holding theme sources: the static assets are read from there, never compiled. */
export const THEME_DIR = path.join(packageRoot(), 'theme')

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
