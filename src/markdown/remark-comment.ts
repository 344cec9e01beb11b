/**
 * Obsidian comments `%%…%%` (OFM F1, O3), removed at the syntax level. Constructs, not a
 * pre-pass, because code is opaque (O2): `%%` in code spans, fenced code (mermaid's
 * `%%{init: …}%%`) and indented code must stay, and only the parser knows where code is.
 *
 * - Block: a line starting with `%%` through the first later `%%` that ends a line, across
 *   blank lines, headings, lists. Like code-fenced it is `concrete` (lines inside cannot open
 *   list items or quotes) and stops at lazy lines of its container.
 * - Inline: `%%` to the next `%%` within one paragraph, across its line endings.
 *
 * No token gets a node handler, so nothing inside (links, tags, embeds) reaches mdast.
 * An unclosed `%%` is no comment and stays text.
 */
import type { Plugin, Processor } from 'unified'
import type { Root, Parent, Text } from 'mdast'
import type { Code, Construct, Effects, Extension, Resolver, State, TokenizeContext } from 'micromark-util-types'
import type { CompileContext, Extension as FromMarkdownExtension, Token } from 'mdast-util-from-markdown'
import { markdownLineEnding, markdownSpace } from 'micromark-util-character'
import { codes, constants, types } from 'micromark-util-symbol'

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    commentFlow: 'commentFlow' // a block comment, opening `%%` line through the closing one
    commentText: 'commentText' // an inline comment in a paragraph, heading or table cell
    commentMarker: 'commentMarker' // `%%`, opening or closing
    commentValue: 'commentValue' // hidden text, one token per line
    commentLineEnding: 'commentLineEnding' // inline eol; `lineEnding` would turn into text
  }
}

const percent = codes.percentSign
const atEol = (code: Code): boolean => code === codes.eof || markdownLineEnding(code)

/** Hide `%%comments%%`: no mdast node is produced for them or their contents. */
export const remarkComment: Plugin<[], Root> = function (this: Processor) {
  const data = this.data()
  ;(data.micromarkExtensions ??= []).push({
    flow: { [percent]: { name: 'commentFlow', tokenize: tokenizeFlow, concrete: true } },
    text: { [percent]: { name: 'commentText', tokenize: tokenizeText, resolveAll: resolveAllText } },
  } satisfies Extension)
  ;(data.fromMarkdownExtensions ??= []).push(commentFromMarkdown())
}

// Partials: `%%`; `%%` + spaces + eol (closes, or when lone opens, a block comment); a line
// ending whose next line is not lazy (so still inside the same containers).
const marker: Construct = { partial: true, tokenize: tokenizeMarker }
const closingLine: Construct = { partial: true, tokenize: tokenizeClosingLine }
const nonLazyLineEnding: Construct = { partial: true, tokenize: tokenizeNonLazyLineEnding }

function tokenizeMarker(effects: Effects, ok: State, nok: State): State {
  let size = 0
  return function sequence(code: Code): State | undefined {
    if (code !== percent) return nok(code)
    if (size++ === 0) effects.enter('commentMarker')
    effects.consume(code)
    if (size < 2) return sequence
    effects.exit('commentMarker')
    return ok
  }
}

function tokenizeClosingLine(effects: Effects, ok: State, nok: State): State {
  return effects.attempt(marker, after, nok)
  function after(code: Code): State | undefined {
    if (!markdownSpace(code)) return atEol(code) ? ok(code) : nok(code)
    effects.enter(types.whitespace)
    effects.consume(code)
    effects.exit(types.whitespace)
    return after
  }
}

function tokenizeNonLazyLineEnding(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  return (code) => {
    effects.enter(types.lineEnding)
    effects.consume(code)
    effects.exit(types.lineEnding)
    return (next: Code) => (this.parser.lazy[this.now().line] ? nok(next) : ok(next))
  }
}

/**
 * What both comment kinds share: `%%`, hidden text up to a closer, then exit `name`. `close`
 * is tried at each later `%%`, and its failure fails the comment (the first `%%` closes).
 * Block comments pass `eol` (stop at lazy lines); inline ones keep eols as `commentLineEnding`.
 */
function body(effects: Effects, name: Name, ok: State, nok: State, close: Construct, eol?: Eol): State {
  const done: State = (code) => (effects.exit(name), ok(code))
  return effects.attempt(marker, inside, nok)
  function inside(code: Code): State | undefined {
    if (code === codes.eof) return nok(code)
    if (markdownLineEnding(code)) {
      if (eol) return eol(inside)(code)
      effects.enter('commentLineEnding')
      effects.consume(code)
      effects.exit('commentLineEnding')
      return inside
    }
    if (code === percent) return effects.check(marker, effects.attempt(close, done, nok), valueStart)(code)
    return valueStart(code)
  }
  function valueStart(code: Code): State | undefined {
    effects.enter('commentValue')
    effects.consume(code)
    return value
  }
  function value(code: Code): State | undefined {
    if (atEol(code) || code === percent) {
      effects.exit('commentValue')
      return inside(code)
    }
    effects.consume(code)
    return value
  }
}
type Name = 'commentFlow' | 'commentText'
type Eol = (next: State) => State

/** Block comment: like code-fenced, but the closing `%%` may end any later line. */
function tokenizeFlow(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const tail = this.events[this.events.length - 1]
  const indent = tail?.[1].type === types.linePrefix ? tail[2].sliceSerialize(tail[1], true).length : 0
  const eol: Eol = (next) => effects.attempt(nonLazyLineEnding, next, nok)
  const inside = body(effects, 'commentFlow', ok, nok, closingLine, eol)
  return (code) => {
    // Four spaces of indent is indented code (or paragraph continuation), never a comment.
    if (indent >= constants.tabSize) return nok(code)
    effects.enter('commentFlow')
    // Interrupting a paragraph needs a lone `%%` line, so `a %%x\n%% y%%` stays inline.
    return this.interrupt ? effects.check(closingLine, inside, nok)(code) : inside(code)
  }
}

/** Inline comment: `%%`, anything (line endings of the paragraph included), `%%`. */
function tokenizeText(effects: Effects, ok: State, nok: State): State {
  const inside = body(effects, 'commentText', ok, nok, marker)
  return (code) => (effects.enter('commentText'), inside(code))
}

/**
 * A comment that fills the rest of its line (`text\n%%note%%` or `a\n%%x%%\nb`) takes the line
 * ending before it along, as if the line were gone, so no stray newline (or `<br>` with
 * remark-breaks) is left. Not after a hard break, whose handling needs that line ending.
 */
const resolveAllText: Resolver = function (events) {
  events.forEach(([kind, token], index) => {
    if (kind !== 'enter' || token.type !== 'commentText') return
    const eol = events[index - 1]?.[1]
    if (eol?.type !== types.lineEnding || events[index - 3]?.[1].type.startsWith('hardBreak')) return
    let end = index + 1
    while (events[end]![1] !== token) end++
    const next = events[end + 1]?.[1]
    if (!next || next.type === types.lineEnding) eol.type = 'commentLineEnding'
  })
  return events
}

/**
 * from-markdown side. Dropping the token would let the text before and after an inline
 * comment merge into one text node whose value is not a slice of the source. So after a
 * comment that follows text we open an empty text node that starts where the comment ends:
 * the following text fills it, and the transform drops any that stayed empty. A paragraph
 * that held nothing but comments (`%%a%%` on its own, or lazy lines in a quote) is dropped too.
 */
function commentFromMarkdown(): FromMarkdownExtension {
  const placeholders = new WeakSet<Text>()
  let hosts = new Set<Parent>()
  return {
    exit: {
      commentText(this: CompileContext, token: Token) {
        const parent = this.stack[this.stack.length - 1]
        if (!parent || !('children' in parent)) return
        hosts.add(parent)
        if (parent.children[parent.children.length - 1]?.type !== 'text') return
        const { line, column, offset } = token.end
        const placeholder: Text = { type: 'text', value: '', position: { start: { line, column, offset }, end: { line, column, offset } } }
        ;(parent.children as Parent['children']).push(placeholder)
        placeholders.add(placeholder)
      },
    },
    transforms: [
      (tree) => {
        if (hosts.size > 0) prune(tree, hosts, placeholders)
        hosts = new Set()
      },
    ],
  }
}

/** Drop placeholders that stayed empty and paragraphs in `hosts` left without children. */
function prune(node: Parent, hosts: Set<Parent>, placeholders: WeakSet<Text>): void {
  node.children = node.children.filter((child) => {
    if ('children' in child) prune(child, hosts, placeholders)
    if (child.type === 'text') return !(child.value === '' && placeholders.has(child))
    return !(child.type === 'paragraph' && child.children.length === 0 && hosts.has(child))
  })
}
