/**
 * The theme contract: page layouts as typed functions returning hast, and the static assets
 * (CSS, client scripts) copied into the site. src/ reaches the theme only through this module.
 */
export { pageLayout } from './layouts/page.js'
export type { PageProps, LinkItem, ListingItem, PageNav, SocialMeta, ExplorerBranch } from './layouts/page.js'

export { THEME_DIR, ASSET_DIR, THEME_ASSETS, readThemeAsset, type ThemeAsset } from './assets.js'
