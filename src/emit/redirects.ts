/**
 * Redirect pages: a note with a `permalink` also answers at its default path, and aliases that
 * are paths (`old/location`) redirect to the note, as in Obsidian Publish. A redirect never
 * replaces a real page, and the first claim (in path order) wins.
 */
import type { Emitter } from './emitter.js'
import { relativeHref, pageOutputPath, slugForSource, asSlug, type Slug } from '../vault/paths.js'
import { slugifySegment } from '../vault/slugify.js'
import { h } from 'hastscript'
import { toHtml } from 'hast-util-to-html'
import { canonicalUrl } from './page-props.js'
import { graphPageOutput } from './site-paths.js'

export const redirects: Emitter = {
  name: 'redirects',
  indexOnly: true,
  async emit(site, sink) {
    const taken = new Set<string>([
      ...site.index.bySlug.keys(), ...[...site.index.folders.values()].map((f) => f.slug), ...[...site.index.tags.values()].map((t) => t.slug),
      'tags/index', '404', graphPageOutput(site).replace(/\.html$/, ''),
    ])
    const wanted = new Map<Slug, string>()
    const notes = [...site.index.notes.values()].sort((a, b) => (a.source < b.source ? -1 : 1))
    for (const n of notes) {
      const from: Slug[] = []
      const natural = slugForSource(n.source)
      if (n.slug !== natural && n.note.meta.permalink) from.push(natural)
      for (const a of n.note.meta.aliases) if (a.includes('/')) from.push(asSlug(a.split('/').filter((s) => s && s !== '.' && s !== '..').map(slugifySegment).join('/')))
      for (const slug of from) if (slug && !taken.has(slug) && !wanted.has(slug)) wanted.set(slug, n.output)
    }
    for (const [slug, target] of [...wanted].sort()) {
      const out = pageOutputPath(slug)
      const href = relativeHref(out, target)
      const canonical = canonicalUrl(site, target as never) ?? href
      const doc = { type: 'root' as const, children: [{ type: 'doctype' as const }, h('html', { lang: site.config.language }, [
        h('head', [
          h('meta', { charSet: 'utf-8' }), h('title', 'Redirecting…'), h('meta', { name: 'robots', content: 'noindex' }),
          h('meta', { httpEquiv: 'refresh', content: `0; url=${href}` }), h('link', { rel: 'canonical', href: canonical }),
        ]),
        h('body', [h('p', ['This page has moved to ', h('a', { href }, href), '.'])]),
      ])] }
      await sink.write(out, toHtml(doc))
    }
  },
}
