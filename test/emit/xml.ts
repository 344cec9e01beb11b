/** A tiny XML query helper for feed and sitemap tests: `fromXml(s).all('item > title')` → texts. */
import { fromHtml } from 'hast-util-from-html'
import { selectAll } from 'hast-util-select'
import type { Element } from 'hast'

function text(n: Element): string {
  let out = ''
  const walk = (x: { type: string; value?: string; children?: unknown[] }) => {
    if (x.type === 'text') out += x.value
    for (const c of x.children ?? []) walk(c as never)
  }
  walk(n as never)
  return out
}

/** Parses XML leniently (as HTML fragments, so CDATA-free text and escapes decode the same). */
export function fromXml(xml: string) {
  // Element names are kept as written (lower-case in our feeds); text content is decoded.
  const tree = fromHtml(xml.replace(/<\?xml[^>]*\?>/, '').replace(/<(\/?)(link|title)(\s|>|\/)/g, '<$1x-$2$3'), { fragment: true })
  return {
    all: (selector: string) => selectAll(selector.toLowerCase().replace(/\b(link|title)\b/g, 'x-$1'), tree).map(text),
  }
}
