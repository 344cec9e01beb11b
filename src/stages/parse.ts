/**
 * The parse stage: text → front matter + mdast (positions true to the file) + a summary of
 * what the vault index needs (title, tags, headings, block ids, links). Knows nothing of the vault.
 */
import matter from 'gray-matter'
import YAML from 'yaml'
import GithubSlugger from 'github-slugger'
import type { Root, RootContent, Heading, Yaml } from 'mdast'
import { toString } from 'mdast-util-to-string'
import type { SourcePath } from '../vault/paths.js'
import { baseName, stripMd } from '../vault/paths.js'
import { normalizeFrontmatter, cleanTag, type NoteMeta } from '../vault/frontmatter.js'
import type { DiagnosticBag } from '../report/messages.js'
import { parseWikiValue, parseMarkdownUrl, type LinkRef } from '../vault/link-ref.js'
import '../markdown/nodes.js'
import type { ParseProcessor } from '../markdown/remark-obsidian.js'
import { rawHtmlUrls } from '../markdown/raw-html-urls.js'

export interface HeadingInfo {
  depth: number
  /** The heading's source text (inline markup included), which heading links match. */
  text: string
  /** Anchor id on the page (github-slugger of the rendered text, unique per note). */
  id: string
  /** The rendered text, for the table of contents. */
  label: string
}

export interface ParsedNote {
  source: SourcePath
  meta: NoteMeta
  title: string
  tree: Root
  headings: HeadingInfo[]
  blockIds: string[]
  /** Front matter tags then inline tags, as written, first occurrence kept. */
  tags: string[]
  links: LinkRef[]
}

// gray-matter leaves a lone '\r' before the closing fence of CRLF files; YAML rejects it.
const yamlEngine = { parse: (s: string) => YAML.parse(s.replace(/\r\n?/g, '\n')) as object, stringify: (o: object) => YAML.stringify(o) }

function readFrontmatter(text: string, tree: Root, bag: DiagnosticBag): Record<string, unknown> {
  const first = tree.children[0]
  if (!first || first.type !== 'yaml') {
    if (/^---[ \t]*\r?\n/.test(text)) bag.warn('invalid-frontmatter', 'front matter is not closed by a `---` line; it is shown as text', { line: 1, column: 1 })
    return {}
  }
  try {
    const data = matter(text, { engines: { yaml: yamlEngine } }).data as unknown
    if (data === null || data === undefined) return {}
    if (typeof data !== 'object' || Array.isArray(data)) {
      bag.warn('invalid-frontmatter', 'front matter must be a map of properties; it is ignored', { line: 2, column: 1 })
      return {}
    }
    return data as Record<string, unknown>
  } catch (e) {
    const err = e as { linePos?: Array<{ line: number; col: number }>; message?: string }
    const pos = err.linePos?.[0]
    const reason = String(err.message ?? e).split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')
    bag.warn('invalid-frontmatter', `invalid YAML front matter (${reason}); the note is built without its properties`, pos ? { line: pos.line, column: pos.col } : { line: 2, column: 1 })
    return {}
  }
}

/** The line of `key:` inside the front matter, so property warnings point at the property. */
function keyLine(yaml: Yaml | undefined, key: string): { line: number; column: number } {
  if (!yaml?.position) return { line: 1, column: 1 }
  const lines = yaml.value.split(/\r?\n/)
  const i = lines.findIndex((l) => l.startsWith(key + ':') || l.startsWith(`"${key}"`))
  return { line: yaml.position.start.line + 1 + Math.max(i, 0), column: 1 }
}

/** Markdown's cost per byte and per nesting level is high: past these limits a note is text. */
export const LIMITS = { bytes: 8 * 1024 * 1024, quoteDepth: 100, indent: 400 }

/** Why a note is too large or too deeply nested to parse as Markdown (with the line), if it is. */
export function contentLimit(text: string): (string & { line: number }) | undefined {
  const at = (msg: string, line: number) => Object.assign(msg, { line }) as string & { line: number }
  if (text.length > LIMITS.bytes) return at(`the note is larger than ${LIMITS.bytes / 1024 / 1024} MB`, 1)
  let line = 1
  for (let i = 0; i < text.length; ) {
    let quotes = 0
    let indent = 0
    let j = i
    for (; j < text.length; j++) {
      const c = text.charCodeAt(j)
      if (c === 62) quotes++ // >
      else if (c === 32) indent++
      else if (c === 9) indent += 4
      else break
    }
    if (quotes > LIMITS.quoteDepth) return at(`line ${line} nests more than ${LIMITS.quoteDepth} quotes`, line)
    if (indent > LIMITS.indent) return at(`line ${line} is indented more than ${LIMITS.indent} columns (lists nested too deep)`, line)
    const nl = text.indexOf('\n', j)
    if (nl < 0) break
    i = nl + 1
    line++
  }
  return undefined
}

/** Front matter parsed as usual, the body kept as one literal block. */
function plainTextTree(processor: ParseProcessor, source: SourcePath, text: string): Root {
  const fm = /^---[ \t]*\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/.exec(text)
  const head = fm ? fm[0] : ''
  const tree = head ? processor.runSync(processor.parse(head), { path: source, value: head }) : { type: 'root' as const, children: [] }
  const startLine = head.split('\n').length
  tree.children = tree.children.filter((n) => n.type === 'yaml')
  tree.children.push({ type: 'code', value: text.slice(head.length), position: { start: { line: startLine, column: 1, offset: head.length }, end: { line: startLine, column: 1, offset: text.length } } })
  // Marked so embeds link to it instead of copying it into every embedding page.
  tree.data = { ...tree.data, oversized: true } as Root['data']
  return tree
}

/** Where a node starts, for a link or diagnostic found in it. */
function placeOf(node: RootContent): { line: number; column: number } {
  return node.position ? { line: node.position.start.line, column: node.position.start.column } : { line: 1, column: 1 }
}

function headingSource(text: string, node: Heading): string {
  const kids = node.children
  const start = kids[0]?.position?.start.offset
  const end = kids[kids.length - 1]?.position?.end.offset
  if (start === undefined || end === undefined) return toString(node)
  return text.slice(start, end).trim()
}

export function parseNote(processor: ParseProcessor, source: SourcePath, text: string, bag: DiagnosticBag): ParsedNote {
  const limit = contentLimit(text)
  let tree: Root
  if (limit) {
    bag.warn('content-limit', `${limit}; the note is published as plain text`, { line: limit.line, column: 1 })
    tree = plainTextTree(processor, source, text)
  } else tree = processor.runSync(processor.parse(text), { path: source, value: text })
  const yamlNode = tree.children[0]?.type === 'yaml' ? (tree.children[0] as Yaml) : undefined
  const data = readFrontmatter(text, tree, bag)
  const meta = normalizeFrontmatter(data, (message, ruleId, key) => bag.warn(ruleId, message, keyLine(yamlNode, key ?? '')))

  const slugger = new GithubSlugger()
  const headings: HeadingInfo[] = []
  const blockIds: string[] = []
  const tags: string[] = [...meta.tags]
  const links: LinkRef[] = []
  const seen = new Set(tags.map((t) => t.toLowerCase()))

  // A plain pre-order walk: unist-util-visit allocates a parents array per node, which shows.
  const summarize = (node: Root | RootContent): void => {
    if (node.type === 'code' || node.type === 'inlineCode' || node.type === 'yaml') return
    // A callout's title is not among its children: links and tags there count too.
    if (node.type === 'callout') for (const child of node.title) summarize(child)
    const blockId = (node.data as { blockId?: string } | undefined)?.blockId
    if (blockId) {
      blockIds.push(blockId)
      node.data = { ...node.data, hProperties: { ...(node.data?.hProperties ?? {}), id: '^' + blockId } }
    }
    switch (node.type) {
      case 'heading': {
        const label = toString(node)
        const id = slugger.slug(label) || 'section'
        node.data = { ...node.data, hProperties: { ...(node.data?.hProperties ?? {}), id } }
        headings.push({ depth: node.depth, text: headingSource(text, node), id, label })
        break
      }
      case 'tag': {
        const t = cleanTag(node.value)
        if (t && !seen.has(t.toLowerCase())) {
          seen.add(t.toLowerCase())
          tags.push(t)
        }
        break
      }
      case 'wikiLink':
        links.push(parseWikiValue(node.value, node.data?.alias ?? undefined, node.data?.embed === true, placeOf(node)))
        break
      case 'html': {
        const place = placeOf(node)
        for (const u of rawHtmlUrls(node.value)) {
          const ref = parseMarkdownUrl(u.url, u.attr === 'src', place)
          if (ref) links.push(ref)
        }
        break
      }
      case 'link':
      case 'image': {
        const place = placeOf(node)
        if (/^\s*file:/i.test(node.url)) bag.warn('unsafe-path', `${node.url} is a link to a local file; it is not linked`, place)
        const ref = parseMarkdownUrl(node.url, node.type === 'image', place)
        if (ref) links.push(ref)
        break
      }
    }
    if ('children' in node) for (const child of node.children) summarize(child)
  }
  summarize(tree)

  const title = meta.title ?? stripMd(baseName(source))
  return { source, meta, title, tree, headings, blockIds, tags, links }
}
