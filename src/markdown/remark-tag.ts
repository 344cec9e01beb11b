/**
 * Inline Obsidian tags `#tag`, `#nested/tag` (OFM T1–T5), as a micromark text construct.
 *
 * Why a construct: the boundaries are syntactic. `\#x` is an escape, `#` in code, link
 * destinations and GFM autolinks (`https://x.y/z#frag`) belongs to those constructs, and
 * `# Heading` is a heading marker: the parser has already claimed all of them before a text
 * construct on `#` runs, so none of them needs a special case here.
 *
 * What is left is the rule a tag must obey itself:
 * - `#` starts the text or follows whitespace, opening punctuation (`(`, `[`, `“`) or an
 *   emphasis/highlight marker (`**#tag**`, `==#tag==`); so `a#b` and `page#frag` are text.
 * - The body is letters, digits, `_`, `-`, `/` and non-punctuation symbols (emoji); any other
 *   punctuation or whitespace ends it. Trailing `/` is not part of the tag (`#a/` → `a`).
 * - The body has at least one non-digit (`#1984` is text, `#y1984` a tag).
 */
import type { Plugin, Processor } from 'unified'
import type { Root } from 'mdast'
import type { Code, Construct, Effects, Extension, State, TokenizeContext } from 'micromark-util-types'
import type { CompileContext, Extension as FromMarkdownExtension, Token } from 'mdast-util-from-markdown'
import { asciiDigit, asciiPunctuation, markdownLineEndingOrSpace, unicodeWhitespace } from 'micromark-util-character'
import { codes } from 'micromark-util-symbol'
import type { Tag } from './nodes.js'

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    tag: 'tag' // `#` plus the value
    tagMarker: 'tagMarker' // the `#`
    tagValue: 'tagValue' // the value, without `#` and trailing `/`
  }
}

/** Parse inline `#tag` into `{type: 'tag', value}` nodes. */
export const remarkTag: Plugin<[], Root> = function (this: Processor) {
  const data = this.data()
  const micromark: Extension = { text: { [codes.numberSign]: { name: 'tag', tokenize: tokenizeTag } } }
  const fromMarkdown: FromMarkdownExtension = {
    enter: { tag: enterTag },
    exit: { tag: exitTag, tagValue: exitTagValue },
  }
  ;(data.micromarkExtensions ??= []).push(micromark)
  ;(data.fromMarkdownExtensions ??= []).push(fromMarkdown)
}

/** Opening punctuation (Ps, Pi) as one UTF-16 unit: `(`, `[`, `{`, `“`, `«`, `（`… */
const openingPunctuation = /^[\p{Ps}\p{Pi}]$/u
/** Markers after which a tag may start: `**#a**`, `_#a_`, `~~#a~~`, `==#a==`. */
const markers: Code[] = [codes.asterisk, codes.underscore, codes.tilde, codes.equalsTo]
/** Unicode punctuation other than ASCII (ASCII is checked by `asciiPunctuation`). */
const unicodePunctuationOnly = /^\p{P}$/u

/** May a tag start after `code`? */
function boundary(code: Code): boolean {
  return (
    code === codes.eof ||
    markdownLineEndingOrSpace(code) ||
    unicodeWhitespace(code) ||
    markers.includes(code) ||
    openingPunctuation.test(String.fromCharCode(code))
  )
}

/** Is `code` part of a tag body? Symbols outside ASCII (emoji, ©, €) are; punctuation is not. */
function tagCharacter(code: Code): boolean {
  if (code === codes.eof || markdownLineEndingOrSpace(code) || unicodeWhitespace(code)) return false
  if (code === codes.underscore || code === codes.dash || code === codes.slash) return true
  if (asciiPunctuation(code)) return false
  return !unicodePunctuationOnly.test(String.fromCharCode(code))
}

/** Partial: a run of `/` that is followed by a tag character (so it is not trailing). */
const innerSlashes: Construct = { partial: true, tokenize: tokenizeInnerSlashes }

function tokenizeInnerSlashes(effects: Effects, ok: State, nok: State): State {
  return function slashes(code: Code): State | undefined {
    if (code === codes.slash) {
      effects.consume(code)
      return slashes
    }
    return tagCharacter(code) ? ok(code) : nok(code)
  }
}

function tokenizeTag(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const previous = this.previous
  let nonDigit = false
  return start

  function start(code: Code): State | undefined {
    if (code !== codes.numberSign || !boundary(previous)) return nok(code)
    effects.enter('tag')
    effects.enter('tagMarker')
    effects.consume(code)
    effects.exit('tagMarker')
    return valueStart
  }

  function valueStart(code: Code): State | undefined {
    if (code === codes.slash || !tagCharacter(code)) return nok(code)
    effects.enter('tagValue')
    return value(code)
  }

  function value(code: Code): State | undefined {
    if (code === codes.slash) return effects.attempt(innerSlashes, value, end)(code)
    if (!tagCharacter(code)) return end(code)
    if (!asciiDigit(code)) nonDigit = true
    effects.consume(code)
    return value
  }

  function end(code: Code): State | undefined {
    if (!nonDigit) return nok(code)
    effects.exit('tagValue')
    effects.exit('tag')
    return ok(code)
  }
}

function enterTag(this: CompileContext, token: Token): undefined {
  const node: Tag = { type: 'tag', value: '' }
  this.enter(node, token)
}

function exitTagValue(this: CompileContext, token: Token): undefined {
  const node = this.stack[this.stack.length - 1] as unknown as Tag
  node.value = this.sliceSerialize(token)
}

function exitTag(this: CompileContext, token: Token): undefined {
  this.exit(token)
}
