/**
 * The render stage: a note's mdast → content hast, with links resolved against the VaultIndex,
 * embeds transcluded (cycle- and depth-guarded), raw HTML parsed and made safe, math typeset.
 * Pure in (note, trees, config, index); diagnostics go to the bags it is given.
 */
import type { Root, RootContent } from 'mdast'
import type { Root as HastRoot, Element, ElementContent } from 'hast'
import { h } from 'hastscript'
import { unified } from 'unified'
import type { SiteConfig } from '../config.js'
import type { VaultIndex } from '../vault/vault-index.js'
import { relativeHref, type OutputPath, type SourcePath } from '../vault/paths.js'
import type { DiagnosticBag } from '../report/messages.js'
import type { LinkRef } from '../vault/link-ref.js'
import type { ResolvedLink } from './resolve.js'
import { createHandlers } from '../markdown/to-hast-handlers.js'
import { mdastToHast } from '../markdown/mdast-to-hast.js'
import { wholeNote, headingSection, blockById } from '../markdown/embed-section.js'
import { makeSafe, safeElement } from '../markdown/make-safe.js'
import { highlightCode, highlightBlock } from '../markdown/code-block.js'
import { walkElements, classesOf, REMOVE, type Action } from '../markdown/hast-walk.js'
import { lazyRequire } from '../lazy-require.js'

export interface RenderInput {
  index: VaultIndex
  config: SiteConfig
  /** mdast of any published note, for embeds. */
  tree: (source: SourcePath) => Root | undefined
  /** Diagnostics of a note (embed problems are reported where the embed is written). */
  bag: (source: SourcePath) => DiagnosticBag
}

interface Pass {
  source: SourcePath
  page: OutputPath
  /** Embeds being rendered, outermost first, as `source` or `source#fragment`. */
  stack: string[]
}

let katex: ReturnType<typeof katexProcessor> | undefined
/** KaTeX is loaded with the first note that has math (lazy-require.ts). */
const katexProcessor = () => unified().use(lazyRequire<typeof import('rehype-katex')>('rehype-katex').default, { throwOnError: false, strict: 'ignore' } as never).freeze()

function notice(text: string): Element {
  return h('div.internal-embed.markdown-embed.is-unresolved.embed-notice', { role: 'note' }, text)
}

function toContent(nodes: RootContent[], input: RenderInput, pass: Pass): ElementContent[] {
  const handlers = createHandlers({
    index: input.index,
    page: pass.page,
    source: pass.source,
    embed: (ref, r) => renderEmbed(ref, r, input, pass),
  })
  const hast = mdastToHast({ type: 'root', children: nodes }, { handlers, allowDangerousHtml: true }) as HastRoot
  return hast.children as ElementContent[]
}

function renderEmbed(ref: LinkRef, r: ResolvedLink, input: RenderInput, pass: Pass): ElementContent {
  if (r.res.kind !== 'note') return notice(`Missing embed: ${ref.target}`)
  const target = r.res.entry
  const place = { line: ref.line, column: ref.column }
  // A section of the note itself is fine; the same embed inside itself is a cycle.
  const key = target.source + (ref.fragment ? '#' + ref.fragment : '')
  if (pass.stack.includes(key)) {
    input.bag(pass.source).warn('embed-cycle', `${ref.raw} embeds ${key}, which is already being embedded here (${[...pass.stack, key].join(' → ')}); shown as a notice`, place)
    return notice(`Embed cycle: ${target.note.title} is not embedded again`)
  }
  if (pass.stack.length > input.config.maxEmbedDepth) {
    input.bag(pass.source).warn('embed-cycle', `${ref.raw} is nested deeper than ${input.config.maxEmbedDepth} embeds; shown as a notice`, place)
    return notice(`Embed depth limit reached: ${target.note.title}`)
  }
  const tree = input.tree(target.source)
  if ((tree?.data as { oversized?: boolean } | undefined)?.oversized) {
    input.bag(pass.source).warn('content-limit', `${ref.raw}: ${target.source} is too large to embed; a link is shown instead`, place)
    return h('div.internal-embed.markdown-embed.embed-notice', { role: 'note' }, ['Too large to embed: ', h('a.internal-link', { href: relativeHref(pass.page, target.output) }, target.note.title)])
  }
  let nodes: RootContent[] = tree ? wholeNote(tree) : []
  if (tree && ref.fragment) {
    if (ref.fragment.startsWith('^')) nodes = blockById(tree, ref.fragment.slice(1))
    else if (r.headingIndex !== undefined) nodes = headingSection(tree, r.headingIndex)
    else nodes = []
    if (nodes.length === 0) return notice(`Cannot find "${ref.fragment}" in ${target.note.title}`)
  }
  const content = toContent(nodes, input, { source: target.source, page: pass.page, stack: [...pass.stack, key] })
  // Ids belong to the embedded note's own page; repeating them here would duplicate anchors.
  const holder: HastRoot = { type: 'root', children: content }
  walkElements(holder, {
    enter(el) {
      if (el.properties && 'id' in el.properties) delete el.properties.id
      return classesOf(el)?.includes('heading-anchor') ? REMOVE : undefined
    },
  })
  const href = relativeHref(pass.page, target.output, r.anchor)
  return h('div.internal-embed.markdown-embed', { src: ref.target + (ref.fragment ? '#' + ref.fragment : ''), 'data-source': target.source }, [
    h('div.markdown-embed-content', content),
    h('a.markdown-embed-link', { href, 'aria-label': `Open ${target.note.title}` }, `↗ ${target.note.title}`),
  ])
}

function hasRaw(node: HastRoot | Element): boolean {
  for (const c of node.children) {
    if ((c.type as string) === 'raw') return true
    if (c.type === 'element' && hasRaw(c)) return true
  }
  return false
}

const isMath = (cls: unknown[]) => cls.includes('language-math') || cls.includes('math-inline') || cls.includes('math-display')

/**
 * One walk for what used to be three: makes the tree safe (unless `sanitized` already did),
 * notes whether it has math, and collects the code blocks to highlight: the outermost
 * `.code-block`s of the finished tree, exactly those a separate highlightCode pass would touch.
 */
function safePass(tree: HastRoot, sanitized: boolean): { math: boolean; blocks: Element[] } {
  let math = false
  const blocks: Element[] = []
  let open: Element | undefined // the block being walked: blocks inside it are not highlighted
  walkElements(tree, {
    enter(el): Action {
      if (!sanitized && safeElement(el) === REMOVE) return REMOVE
      const cls = classesOf(el)
      if (!cls) return undefined
      if (!math && isMath(cls)) math = true
      if (!open && cls.includes('code-block')) blocks.push((open = el))
      return undefined
    },
    leave(el) {
      if (el === open) open = undefined
    },
  })
  return { math, blocks }
}

/** Renders the body of `source` for the page written to `page`. */
export function renderNote(source: SourcePath, page: OutputPath, input: RenderInput): HastRoot {
  const tree = input.tree(source)
  if (!tree) return { type: 'root', children: [] }
  const children = toContent(wholeNote(tree), input, { source, page, stack: [source] })
  // hast-util-raw re-parses the whole tree with parse5: only worth it when there is raw HTML.
  let hast: HastRoot = { type: 'root', children } as HastRoot
  if (hasRaw(hast)) hast = lazyRequire<typeof import('hast-util-raw')>('hast-util-raw').raw(hast) as HastRoot
  const sanitized = input.config.sanitize
  if (sanitized) hast = makeSafe(hast, true)
  const { math, blocks } = safePass(hast, sanitized)
  // Highlighting comes after makeSafe (the token colours are Grove's own inline styles) and
  // after KaTeX, which may replace parts of the tree: with math, a fresh pass over its result.
  if (math) {
    hast = (katex ??= katexProcessor()).runSync(hast) as HastRoot
    highlightCode(hast)
  } else for (const block of blocks) highlightBlock(block)
  return hast
}
