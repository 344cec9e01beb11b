/**
 * Relative `src`/`href` values inside raw HTML tags (`<img src="pic.png">`). Obsidian shows vault
 * files there, so Grove resolves them like Markdown links: counted as references (attachments
 * get copied, broken ones are reported) and rewritten to the page's relative URL. Only the
 * attribute values of tags are touched; text between tags never is.
 */
import { isExternalUrl } from '../vault/link-ref.js'

const TAG = /<[a-zA-Z][^<>]*>/g
const ATTR = /(\s)(src|href)(\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/gi

/** A URL in raw HTML that points into the vault (not external, not a fragment, not data:). */
export const isVaultUrl = (url: string) => !!url && !url.startsWith('#') && !isExternalUrl(url)

export interface RawUrl {
  attr: 'src' | 'href'
  url: string
}

export function rawHtmlUrls(html: string): RawUrl[] {
  const out: RawUrl[] = []
  for (const tag of html.match(TAG) ?? []) {
    for (const m of tag.matchAll(ATTR)) {
      const url = m[4] ?? m[5] ?? m[6] ?? ''
      if (isVaultUrl(url)) out.push({ attr: m[2].toLowerCase() as RawUrl['attr'], url })
    }
  }
  return out
}

/** Rewrites vault URLs with `map`; a null result removes the attribute (no dead link). */
export function rewriteRawHtmlUrls(html: string, map: (u: RawUrl) => string | null): string {
  return html.replace(TAG, (tag) =>
    tag.replace(ATTR, (whole, sp: string, attr: string, eq: string, dq?: string, sq?: string, bare?: string) => {
      const url = dq ?? sq ?? bare ?? ''
      if (!isVaultUrl(url)) return whole
      const next = map({ attr: attr.toLowerCase() as RawUrl['attr'], url })
      return next === null ? '' : `${sp}${attr}${eq}"${next.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`
    }),
  )
}
