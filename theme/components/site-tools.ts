import { h } from 'hastscript'
import type { Element } from 'hast'

/**
 * Runs in <head> before the first paint: applies the stored theme choice so there is no flash
 * of the wrong theme, and marks the document as scripted. Without a stored choice the CSS
 * follows prefers-color-scheme.
 */
export const THEME_SCRIPT =
  "(function(){var d=document.documentElement;d.classList.add('js');try{var t=localStorage.getItem('grove-theme');if(t==='dark'||t==='light')d.dataset.theme=t}catch(e){}})()"

/** Search and theme buttons; hidden until grove.js makes them work. */
export function siteTools(): Element {
  return h('div.site-tools', [
    h('button.search-button', { type: 'button', hidden: true, ariaKeyshortcuts: '/ Control+K Meta+K', ariaHaspopup: 'dialog' }, [
      h('span.icon-search', { ariaHidden: 'true' }), h('span.search-button-label', 'Search'), h('kbd', '/'),
    ]),
    h('button.theme-toggle', { type: 'button', hidden: true, ariaLabel: 'Dark theme', ariaPressed: 'false' }, [h('span.icon-theme', { ariaHidden: 'true' })]),
  ])
}
