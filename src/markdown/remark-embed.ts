/**
 * `![[target]]` embeds, at the syntax level.
 *
 * Why a construct: remark-wiki-link registers its tokenizer on `[` only, and micromark's
 * built-in `labelStartImage` claims `![` first, so `![[x]]` would become `!` + an image
 * label start that never closes. We register a text construct on `!` (extension constructs
 * run before the built-ins, so before `labelStartImage`) that consumes the `!` and then
 * attempts remark-wiki-link's own construct. Reusing that construct (instead of a copy) keeps
 * one tokenizer and one set of options (`aliasDivider`) for links and embeds, and lets
 * remark-wiki-link's from-markdown handlers build the node; we only mark it `embed` and
 * widen its start to the `!`.
 *
 * Code stays opaque for free: code spans and fenced/indented code never run text constructs.
 */
import type { Plugin, Processor } from 'unified'
import type { Root } from 'mdast'
import type {
  Code,
  Construct,
  Effects,
  Extension,
  State,
  TokenizeContext,
} from 'micromark-util-types'
import type { CompileContext, Extension as FromMarkdownExtension, Token } from 'mdast-util-from-markdown'
import { codes } from 'micromark-util-symbol'
import type { WikiLink } from './nodes.js'

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    /** The whole `![[…]]`: the `!` marker plus remark-wiki-link's `wikiLink` token. */
    wikiEmbed: 'wikiEmbed'
    /** The `!`. */
    wikiEmbedMarker: 'wikiEmbedMarker'
  }
}

/** Options of {@link remarkEmbed}. */
export interface RemarkEmbedOptions {
  /**
   * The wiki-link construct to reuse. Defaults to the one remark-wiki-link registered on
   * this processor (looked up lazily, so plugin order does not matter).
   */
  wikiLinkConstruct?: Construct
}

/**
 * Parse `![[target#sub|alias]]` as a `wikiLink` node with `data.embed = true`.
 * Requires remark-wiki-link on the same processor; without it `![[x]]` stays literal text.
 */
export const remarkEmbed: Plugin<[RemarkEmbedOptions?], Root> = function (
  this: Processor,
  options?: RemarkEmbedOptions,
) {
  const data = this.data()
  let wikiLink: Construct | undefined = options?.wikiLinkConstruct
  const lookup = (): Construct | undefined =>
    (wikiLink ??= findWikiLinkConstruct(data.micromarkExtensions ?? []))

  const micromark: Extension = { text: { [codes.exclamationMark]: embedConstruct(lookup) } }
  const fromMarkdown: FromMarkdownExtension = { exit: { wikiEmbed: exitWikiEmbed } }
  ;(data.micromarkExtensions ??= []).push(micromark)
  ;(data.fromMarkdownExtensions ??= []).push(fromMarkdown)
}

/**
 * Find remark-wiki-link's construct among the registered micromark extensions. The package
 * does not export it, so we recognise it by shape: a text construct on `[` whose tokenizer
 * emits `wikiLinkMarker` tokens.
 */
function findWikiLinkConstruct(extensions: Extension[]): Construct | undefined {
  for (const extension of extensions) {
    const found = extension.text?.[codes.leftSquareBracket]
    const list = Array.isArray(found) ? found : found ? [found] : []
    for (const construct of list) {
      if (typeof construct.tokenize === 'function' && String(construct.tokenize).includes('wikiLinkMarker')) {
        return construct
      }
    }
  }
  return undefined
}

/** The `!` + wiki link construct; `lookup` yields the wiki-link construct when needed. */
function embedConstruct(lookup: () => Construct | undefined): Construct {
  // `add: 'before'` (also micromark's default for extensions): ahead of `labelStartImage`.
  return { name: 'wikiEmbed', tokenize, add: 'before' }

  function tokenize(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
    const wikiLink = lookup()
    return start

    function start(code: Code): State | undefined {
      if (code !== codes.exclamationMark || !wikiLink) return nok(code)
      effects.enter('wikiEmbed')
      effects.enter('wikiEmbedMarker')
      effects.consume(code)
      effects.exit('wikiEmbedMarker')
      return open
    }

    /** Only `![[` is ours; `![alt](src)` falls through to `labelStartImage`. */
    function open(code: Code): State | undefined {
      if (code !== codes.leftSquareBracket) return nok(code)
      return effects.attempt(wikiLink!, after, nok)(code)
    }

    function after(code: Code): State | undefined {
      effects.exit('wikiEmbed')
      return ok(code)
    }
  }
}

/**
 * remark-wiki-link has already built and closed the `wikiLink` node (the last child of the
 * current parent); mark it and move its start back over the `!` so positions match the source.
 */
function exitWikiEmbed(this: CompileContext, token: Token): undefined {
  const parent = this.stack[this.stack.length - 1]
  if (!parent || !('children' in parent)) return
  const node = parent.children[parent.children.length - 1] as unknown as WikiLink | undefined
  if (!node || node.type !== 'wikiLink') return
  node.data ??= {}
  node.data.embed = true
  if (node.position) {
    node.position.start = { line: token.start.line, column: token.start.column, offset: token.start.offset }
  }
}
