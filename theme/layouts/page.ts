/**
 * The one page layout every page uses (note, folder, tag, home, graph, 404): head metadata, a
 * header with the drawer button, site title, breadcrumbs, search and theme buttons, the explorer,
 * <main> with the <h1>, dates, tags, content, listings, previous/next and backlinks, a sidebar
 * with the table of contents and the local graph, and a footer. Returns a hast tree; escaping is
 * by construction. Nothing here grows with the vault: the full explorer and graph load on demand.
 */
import { h } from 'hastscript'
import type { Root, ElementContent, Element } from 'hast'
import { breadcrumbs } from '../components/breadcrumbs.js'
import { tagList } from '../components/tag-list.js'
import { backlinks } from '../components/backlinks.js'
import { listing } from '../components/listing.js'
import { toc } from '../components/toc.js'
import { headMeta, type SocialMeta } from '../components/head-meta.js'
import { explorer, type ExplorerBranch } from '../components/explorer.js'
import { pageNav, type PageNav } from '../components/page-nav.js'
import { localGraph } from '../components/graph.js'
import { siteTools, THEME_SCRIPT } from '../components/site-tools.js'
import { fragment } from './fragment.js'

export interface LinkItem {
  title: string
  href: string
}

export interface ListingItem extends LinkItem {
  date?: string
  description?: string
  kind: 'note' | 'folder' | 'tag'
  count?: number
}

export type { SocialMeta, ExplorerBranch, PageNav }

export interface PageProps {
  siteTitle: string
  lang: string
  /** Relative href of the home page and of each asset, from this page. */
  homeHref: string
  assetHref: (name: string) => string
  title: string
  description?: string
  canonical?: string
  date?: string
  updated?: string
  tags: LinkItem[]
  crumbs: LinkItem[]
  cssclasses: string[]
  content: ElementContent[]
  headings: Array<{ depth: number; id: string; text: string }>
  listings: Array<{ heading: string; items: ListingItem[] }>
  backlinks: LinkItem[] | null
  /** Extra stylesheets (asset names) this page needs, e.g. KaTeX on pages with math. */
  styles: string[]
  /** Extra deferred scripts (asset names) this page needs, e.g. syntax.js on pages with code or diagrams. */
  scripts?: string[]
  kind: 'note' | 'folder' | 'tag' | 'home' | 'not-found' | 'graph'
  /** The page's own path in the site ('guide/links.html'), for the client scripts. */
  page?: string
  /** Front matter aliases: indexed for search, never shown. */
  aliases?: string[]
  /** Open Graph / Twitter metadata (image URL resolved by the emitter). */
  social?: SocialMeta
  /** `<link rel=alternate>` feeds for this page. */
  feeds?: Array<LinkItem & { type: string }>
  /** Favicon href (the vault's own one if it has one). */
  faviconHref?: string
  /** The statically rendered explorer branch: the folders above this page. */
  explorer?: ExplorerBranch
  /** Previous/next note within the folder. */
  pageNav?: PageNav
  /** Href of the global graph page; a local graph is shown on note pages when set. */
  graphHref?: string
  /** Mark the article as search content (note pages); other pages are not indexed. */
  searchable?: boolean
  /** A `<base href>` for pages served at unknown depths (the 404 page, with a baseUrl). */
  baseHref?: string
}

const present = (xs: Array<ElementContent | null | undefined | false>) => xs.filter(Boolean) as ElementContent[]

function article(p: PageProps): Element {
  const dates: ElementContent[] = []
  if (p.date) dates.push(h('span', ['Created ', h('time', { dateTime: p.date }, p.date)]))
  if (p.updated) dates.push(h('span', ['Updated ', h('time', { dateTime: p.updated }, p.updated)]))
  const search = p.searchable
    ? { dataPagefindBody: '', dataPagefindMeta: 'crumbs[data-crumbs]', dataCrumbs: p.crumbs.map((c) => c.title).join(' › ') }
    : {}
  const titleProps = p.searchable
    ? { dataPagefindMeta: 'title', ...(p.aliases?.length ? { dataPagefindIndexAttrs: 'data-aliases', dataAliases: p.aliases.join(', ') } : {}) }
    : {}
  return h('article', { className: ['markdown-rendered', ...p.cssclasses], ...search }, [
    h('header.page-header', present([
      h('h1.page-title', titleProps, p.title),
      dates.length ? h('p.page-dates', dates) : null,
      p.tags.length ? tagList(p.tags) : null,
    ])),
    h('div.page-content', p.content),
    ...p.listings.map((l) => listing(l.heading, l.items)),
  ])
}

export function pageLayout(p: PageProps): Root {
  const icon = p.faviconHref ?? p.assetHref('favicon.svg')
  const css = p.assetHref('grove.css')
  const styles = p.styles.map((x) => p.assetHref(x))
  const js = p.assetHref('grove.js')
  const scripts = (p.scripts ?? []).map((x) => p.assetHref(x))
  const head = h('head', present([
    fragment('head-start', '', () => [
      h('meta', { charSet: 'utf-8' }),
      h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
    ]),
    p.baseHref ? h('base', { href: p.baseHref }) : null,
    h('title', p.title === p.siteTitle ? p.siteTitle : `${p.title} · ${p.siteTitle}`),
    p.description ? h('meta', { name: 'description', content: p.description }) : null,
    p.canonical ? h('link', { rel: 'canonical', href: p.canonical }) : null,
    ...headMeta(p),
    ...(p.feeds ?? []).map((f) => h('link', { rel: 'alternate', type: f.type, title: f.title, href: f.href })),
    fragment('head-assets', JSON.stringify([p.faviconHref ?? null, icon, css, styles, js, scripts]), () => [
      h('link', { rel: 'icon', href: icon, type: (p.faviconHref ?? '.svg').endsWith('.ico') ? 'image/x-icon' : 'image/svg+xml' }),
      h('link', { rel: 'stylesheet', href: css }),
      ...styles.map((href) => h('link', { rel: 'stylesheet', href })),
      h('script', THEME_SCRIPT),
      h('script', { src: js, defer: true }),
      ...scripts.map((src) => h('script', { src, defer: true })),
    ]),
  ]))
  const isNote = p.kind === 'note' || p.kind === 'home'
  const main = h('main', { id: 'content', className: ['page', `page-${p.kind}`] }, present([
    article(p),
    p.pageNav ? pageNav(p.pageNav) : null,
    p.backlinks ? backlinks(p.backlinks) : null,
  ]))
  const side = present([
    p.headings.filter((x) => x.depth >= 2 && x.depth <= 4).length > 0 ? toc(p.headings) : null,
    isNote && p.graphHref ? fragment('graph', p.graphHref, () => [localGraph(p.graphHref as string)]) : null,
  ])
  const body = h('body', { className: [`kind-${p.kind}`], dataPage: p.page }, [
    // Pages in one folder share their header; every page shares the head's assets, graph box and footer per depth.
    fragment('site-header', JSON.stringify([p.homeHref, p.siteTitle, p.crumbs]), () => [
      h('a.skip-link', { href: '#content' }, 'Skip to content'),
      h('header.site-header', present([
        h('button.drawer-toggle', { type: 'button', hidden: true, ariaControls: 'explorer', ariaExpanded: 'false', ariaLabel: 'Open the explorer' }, [h('span.icon-menu', { ariaHidden: 'true' })]),
        h('a.site-title', { href: p.homeHref }, p.siteTitle),
        p.crumbs.length ? breadcrumbs(p.crumbs) : null,
        siteTools(),
      ])),
    ]),
    h('div.layout', present([
      explorer(p.explorer ?? { homeHref: p.homeHref, siteTitle: p.siteTitle, folders: [], current: undefined }),
      main,
      side.length ? h('aside.sidebar', { ariaLabel: 'Page sidebar' }, side) : null,
    ])),
    fragment('footer', p.graphHref ?? '', () => [h('footer.site-footer', [h('p', p.graphHref ? ['Built with Grove · ', h('a', { href: p.graphHref }, 'Graph')] : ['Built with Grove'])])]),
  ])
  return { type: 'root', children: [{ type: 'doctype' }, h('html', { lang: p.lang }, [head, body])] }
}
