/**
 * Page chrome that repeats from page to page (the head's assets, the site header, the graph
 * box, the footer) is laid out and serialised once per distinct input, then spliced into every
 * page that has the same input as a raw node: the very bytes hast-util-to-html writes for that
 * tree, without building and serialising it again. Safe because `build` is a pure function of
 * `key` (the caller puts every input in it) and an element serialises the same on its own as
 * inside the page (HTML space, no optional-tag omission).
 */
import type { ElementContent } from 'hast'
import { toHtml } from 'hast-util-to-html'

const cache = new Map<string, string>()
/** Entries are small, but a long preview session may see many configs: start over past this. */
const LIMIT = 5000

export function fragment(kind: string, key: string, build: () => ElementContent[]): ElementContent {
  const k = kind + '\0' + key
  let html = cache.get(k)
  if (html === undefined) {
    if (cache.size >= LIMIT) cache.clear()
    html = toHtml({ type: 'root', children: build() }, { allowDangerousHtml: true }) // as writePage serialises
    cache.set(k, html)
  }
  return { type: 'raw', value: html } as unknown as ElementContent
}
