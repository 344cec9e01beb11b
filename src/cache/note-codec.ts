/**
 * How a cached note is stored in the notes buckets (bucket-map.ts). Its links are most of its
 * bytes (80 % of the bench vault's summaries, ~19 links a note), and v8.serialize writes every
 * key of every link object out again: here they are packed into one flat array of values, and
 * `raw` is left out where it is what the other fields spell. For 10k notes: 45 → 22 MB, and
 * reading them back 345 → 190 ms of a one-note edit's cache load.
 *
 * Unpacking gives back links with the same keys in the same order as the parser makes them
 * (parseWikiValue, parseMarkdownUrl), because build-shape.ts compares summaries as JSON and the
 * cache must look the same whichever way it went. A note with a link of any other shape is
 * stored as it is.
 */
import type { CachedNote } from './build-cache.js'
import type { LinkRef } from '../vault/link-ref.js'

const WIKI_KEYS = 'kind,embed,target,fragment,alias,raw,line,column'
const MARKDOWN_KEYS = 'kind,embed,target,fragment,raw,line,column'
/** Values per link: flags (1 wiki, 2 embed), target, fragment, alias, raw or undefined, line, column. */
const STRIDE = 7

/** What a wiki link's `raw` is when nothing in it was trimmed, normalised or escaped. */
const wikiRaw = (embed: boolean, target: string, fragment: string | undefined, alias: string | undefined) =>
  `${embed ? '!' : ''}[[${target}${fragment !== undefined ? '#' + fragment : ''}${alias !== undefined ? '|' + alias : ''}]]`

function pack(links: LinkRef[]): unknown[] | undefined {
  const flat: unknown[] = []
  for (const l of links) {
    const keys = Object.keys(l).join(',')
    const wiki = l.kind === 'wiki'
    if (keys !== (wiki ? WIKI_KEYS : MARKDOWN_KEYS)) return undefined
    const spelled = wiki && l.raw === wikiRaw(l.embed, l.target, l.fragment, l.alias)
    flat.push((wiki ? 1 : 0) | (l.embed ? 2 : 0), l.target, l.fragment, l.alias, spelled ? undefined : l.raw, l.line, l.column)
  }
  return flat
}

function unpack(flat: unknown[]): LinkRef[] {
  const links: LinkRef[] = []
  for (let i = 0; i + STRIDE <= flat.length; i += STRIDE) {
    const flags = flat[i] as number
    const embed = (flags & 2) !== 0
    const target = flat[i + 1] as string
    const fragment = flat[i + 2] as string | undefined
    const raw = flat[i + 4] as string | undefined
    const line = flat[i + 5] as number
    const column = flat[i + 6] as number
    if (flags & 1) {
      const alias = flat[i + 3] as string | undefined
      links.push({ kind: 'wiki', embed, target, fragment, alias, raw: raw ?? wikiRaw(embed, target, fragment, alias), line, column })
    } else links.push({ kind: 'markdown', embed, target, fragment, raw: raw as string, line, column })
  }
  return links
}

/** The note as a bucket stores it: a new object (the build's own is not touched). */
export function encodeNote(note: CachedNote): unknown {
  const links = note.summary?.links
  const packed = links && pack(links)
  if (!note.summary || !packed) return note
  return { ...note, summary: { ...note.summary, links: { packed } } }
}

/** The note as the build uses it, from what encodeNote stored (or a note stored as it is). */
export function decodeNote(stored: unknown): CachedNote {
  const note = stored as CachedNote
  const links = note.summary?.links as unknown
  if (note.summary && links && !Array.isArray(links)) note.summary.links = unpack((links as { packed: unknown[] }).packed)
  return note
}
