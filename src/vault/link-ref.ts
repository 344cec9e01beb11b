/**
 * A link as written, split into path and fragment: `[[Note#A#B|x]]`, `![[img.png|100]]`,
 * `[t](Note%20Name.md#Heading)`. External URLs are not LinkRefs.
 */
export interface LinkRef {
  kind: 'wiki' | 'markdown'
  embed: boolean
  /** Path part, decoded and trimmed; '' for a same-note link (`[[#Heading]]`). */
  target: string
  /** After the first '#', without it: 'A#B' or '^block-id'. */
  fragment?: string
  alias?: string
  /** What the author wrote, for messages. */
  raw: string
  line: number
  column: number
}

/** A URL with a scheme (`https:`, `mailto:`, `obsidian:`) or protocol-relative is external. */
export const isExternalUrl = (url: string): boolean => /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')

function splitFragment(s: string): { path: string; fragment?: string } {
  const i = s.indexOf('#')
  if (i < 0) return { path: s }
  return { path: s.slice(0, i), fragment: s.slice(i + 1) }
}

export function parseWikiValue(value: string, alias: string | undefined, embed: boolean, place: { line: number; column: number }): LinkRef {
  // Inside a GFM table `[[a\|b]]` leaves the escaping backslash on the target.
  const cleaned = value.replace(/\\$/, '')
  const { path, fragment } = splitFragment(cleaned)
  const hasAlias = alias !== undefined && alias !== null && alias !== value
  return {
    kind: 'wiki',
    embed,
    target: path.trim().normalize('NFC'),
    fragment: fragment?.trim(),
    alias: hasAlias ? alias.trim() : undefined,
    raw: `${embed ? '!' : ''}[[${value}${hasAlias ? '|' + alias : ''}]]`,
    ...place,
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

export function parseMarkdownUrl(url: string, embed: boolean, place: { line: number; column: number }): LinkRef | null {
  if (!url || isExternalUrl(url)) return null
  const { path, fragment } = splitFragment(url)
  return {
    kind: 'markdown',
    embed,
    target: safeDecode(path).trim().normalize('NFC'),
    fragment: fragment === undefined ? undefined : safeDecode(fragment),
    raw: url,
    ...place,
  }
}
