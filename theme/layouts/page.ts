/**
 * The one page layout every page uses (note, folder, tag, home, 404): header with site title
 * and breadcrumbs, <main> with the <h1>, dates, tags, content, an optional listing, backlinks,
 * and a footer. Returns a hast tree; escaping is by construction.
 */
import { h } from 'hastscript'
import type { Root, ElementContent } from 'hast'
import { breadcrumbs } from '../components/breadcrumbs.js'
import { tagList } from '../components/tag-list.js'
import { backlinks } from '../components/backlinks.js'
import { listing } from '../components/listing.js'
import { toc } from '../components/toc.js'

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
  kind: 'note' | 'folder' | 'tag' | 'home' | 'not-found'
}

export function pageLayout(p: PageProps): Root {
  const dates: ElementContent[] = []
  if (p.date) dates.push(h('span', ['Created ', h('time', { dateTime: p.date }, p.date)]))
  if (p.updated) dates.push(h('span', ['Updated ', h('time', { dateTime: p.updated }, p.updated)]))
  const head = h('head', [
    h('meta', { charSet: 'utf-8' }),
    h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
    h('title', p.title === p.siteTitle ? p.siteTitle : `${p.title} · ${p.siteTitle}`),
    p.description ? h('meta', { name: 'description', content: p.description }) : null,
    p.canonical ? h('link', { rel: 'canonical', href: p.canonical }) : null,
    h('link', { rel: 'icon', href: p.assetHref('favicon.svg'), type: 'image/svg+xml' }),
    h('link', { rel: 'stylesheet', href: p.assetHref('grove.css') }),
    ...p.styles.map((s) => h('link', { rel: 'stylesheet', href: p.assetHref(s) })),
    h('script', { src: p.assetHref('grove.js'), defer: true }),
  ].filter((x) => x !== null) as ElementContent[])
  const main = h('main', { id: 'content', className: ['page', `page-${p.kind}`] }, [
    h('article', { className: ['markdown-rendered', ...p.cssclasses] }, [
      h('header.page-header', [
        h('h1.page-title', p.title),
        dates.length ? h('p.page-dates', dates) : null,
        p.tags.length ? tagList(p.tags) : null,
      ].filter((x) => x !== null) as ElementContent[]),
      h('div.page-content', p.content),
      ...p.listings.map((l) => listing(l.heading, l.items)),
    ]),
    p.backlinks ? backlinks(p.backlinks) : null,
  ].filter((x) => x !== null) as ElementContent[])
  const body = h('body', [
    h('a.skip-link', { href: '#content' }, 'Skip to content'),
    h('header.site-header', [
      h('a.site-title', { href: p.homeHref }, p.siteTitle),
      p.crumbs.length ? breadcrumbs(p.crumbs) : null,
    ].filter((x) => x !== null) as ElementContent[]),
    h('div.layout', [main, p.headings.length > 1 ? toc(p.headings) : null].filter((x) => x !== null) as ElementContent[]),
    h('footer.site-footer', [h('p', ['Built with Grove'])]),
  ])
  return { type: 'root', children: [{ type: 'doctype' }, h('html', { lang: p.lang }, [head, body])] }
}
