/**
 * Which optional syntax a note can possibly contain, from one cheap scan of its text, so the
 * parser can leave out extensions (and skip transforms) that could not match anyway.
 *
 * Every trigger is a necessary condition read off the extension's tokenizer or transform: when
 * it is absent the extension provably changes nothing, so the tree is the same as with the full
 * preset (test/markdown/parse-features.test.ts checks that over every corpus). A false positive
 * only costs time; a false negative would change output, so when in doubt a trigger matches.
 *
 * Tree transforms read decoded text values, where `&#91;` is `[` and `\.` is `.`: their
 * triggers also match a character reference (`ENTITY`) or the escaped form.
 */

export const Feature = {
  frontmatter: 1 << 0,
  autolinkLiteral: 1 << 1,
  footnote: 1 << 2,
  strikethrough: 1 << 3,
  table: 1 << 4,
  taskList: 1 << 5,
  math: 1 << 6,
  wikiLink: 1 << 7, // links and embeds
  comment: 1 << 8,
  tag: 1 << 9,
  highlight: 1 << 10,
  inlineFootnote: 1 << 11,
  callout: 1 << 12,
  taskStatus: 1 << 13,
  blockId: 1 << 14,
} as const

export const ALL_FEATURES = (1 << 15) - 1

/** A character reference as micromark reads one (`&name;`, `&#…`); a superset is fine. */
const ENTITY = /&(?:#|[A-Za-z0-9]+;)/

/** micromark strips a leading BOM; front matter must open on line 1, column 1. */
const FRONTMATTER = /^\uFEFF?---/
/**
 * Micromark: `www.`, `http:`/`https:` (case-insensitive), or an email's `@` (mailto:/xmpp: too).
 * The from-markdown transform also matches decoded text, so `www\.` and `http\:` count.
 */
const AUTOLINK = /@|www\\?\.|https?\\?:/i
/** GFM checkbox: `[`, one space, tab or line ending (CRLF is one) or `x`/`X`, `]`. */
const TASK_BOX = /\[(?:\s|\r\n|[xX])\]/
/** remark-task-status's `[c]`, with `\` escapes around c (the source-less check allows them). */
const TASK_STATUS = /\[\\?[^\s[\]\\]\\?\]/
/**
 * A line that can be a table's delimiter row: container prefix, pipes, colons, dashes and
 * whitespace only. The tokenizer needs a `-` and a `|` or `:` in it (`a\n-:` is a table).
 */
const DELIMITER_LINE = /^[ \t>|:-]*-[ \t>|:-]*$/gm
/** Emphasis treats `=` as a marker once highlights are on, so a lone `=` next to `*`/`_` counts. */
const HIGHLIGHT = /==|[*_]=|=[*_]/
/** remark-callout reads `[!type]` from the decoded first text of a blockquote. */
const CALLOUT_MARK = /\[\\?!/

function hasTableDelimiter(text: string): boolean {
  DELIMITER_LINE.lastIndex = 0
  for (let m = DELIMITER_LINE.exec(text); m; m = DELIMITER_LINE.exec(text)) {
    if (m[0].includes('|') || m[0].includes(':')) return true
  }
  return false
}

/** The features `text` may use, as a bit mask of {@link Feature}. */
export function syntaxFeatures(text: string): number {
  const entity = text.includes('&') && ENTITY.test(text)
  let mask = 0
  if (FRONTMATTER.test(text)) mask |= Feature.frontmatter
  if (entity || AUTOLINK.test(text)) mask |= Feature.autolinkLiteral
  if (text.includes('[^')) mask |= Feature.footnote
  if (text.includes('~')) mask |= Feature.strikethrough
  if (text.includes('-') && hasTableDelimiter(text)) mask |= Feature.table
  const box = TASK_BOX.test(text)
  if (box) mask |= Feature.taskList
  if (text.includes('$')) mask |= Feature.math
  if (text.includes('[[')) mask |= Feature.wikiLink
  if (text.includes('%%')) mask |= Feature.comment
  if (text.includes('#')) mask |= Feature.tag
  if (HIGHLIGHT.test(text)) mask |= Feature.highlight
  if (text.includes('^[')) mask |= Feature.inlineFootnote
  if (text.includes('>') && (entity || CALLOUT_MARK.test(text))) mask |= Feature.callout
  // GFM tasks get their `data-task` from remark-task-status too.
  if (box || entity || TASK_STATUS.test(text)) mask |= Feature.taskStatus
  if (entity || text.includes('^')) mask |= Feature.blockId
  return mask
}
