import { h } from 'hastscript'
import type { Element } from 'hast'

/** What Open Graph and Twitter cards show; `image` is an absolute URL (or one relative to the page). */
export interface SocialMeta {
  type: 'website' | 'article'
  url?: string
  image?: string
  imageAlt?: string
}

interface MetaInput {
  siteTitle: string
  title: string
  description?: string
  social?: SocialMeta
}

/** Open Graph and Twitter card meta for a page, from its title, description and image. */
export function headMeta(p: MetaInput): Element[] {
  const s = p.social
  if (!s) return []
  const prop = (property: string, content: string | undefined) => (content ? [h('meta', { property, content })] : [])
  const name = (n: string, content: string | undefined) => (content ? [h('meta', { name: n, content })] : [])
  return [
    ...prop('og:type', s.type),
    ...prop('og:site_name', p.siteTitle),
    ...prop('og:title', p.title),
    ...prop('og:description', p.description),
    ...prop('og:url', s.url),
    ...prop('og:image', s.image),
    ...prop('og:image:alt', s.image ? s.imageAlt ?? p.title : undefined),
    ...name('twitter:card', s.image ? 'summary_large_image' : 'summary'),
    ...name('twitter:title', p.title),
    ...name('twitter:description', p.description),
    ...name('twitter:image', s.image),
  ]
}
