/**
 * Heading matching as Obsidian does it (H1–H4): raw source text, case-insensitive, the
 * characters that cannot appear in a link replaced by spaces on both sides, `A#B` chains
 * descending into subsections.
 */
export interface HeadingLike {
  depth: number
  text: string
}

/** Obsidian's stripHeading: `# | ^ : %% [[ ]] \` → space, whitespace collapsed, case folded. */
export function normalizeHeading(text: string): string {
  return text
    .replace(/%%|\[\[|\]\]|[#|^:\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .normalize('NFC')
    .toLowerCase()
}

/**
 * Finds the heading a fragment like 'Summer#Tips' points to: each segment must match a heading
 * nested under the previous one. Returns its index, or -1.
 */
export function findHeading<H extends HeadingLike>(headings: H[], fragment: string): number {
  const chain = fragment.split('#').map(normalizeHeading).filter(Boolean)
  if (chain.length === 0) return -1
  const norm = headings.map((h) => normalizeHeading(h.text))
  let from = 0
  let end = headings.length
  let found = -1
  for (const seg of chain) {
    found = -1
    for (let i = from; i < end; i++) {
      if (norm[i] === seg) {
        found = i
        break
      }
    }
    if (found < 0) return -1
    // The next segment must lie inside this heading's section.
    from = found + 1
    end = from
    while (end < headings.length && headings[end].depth > headings[found].depth) end++
  }
  return found
}
