/**
 * Inline footnotes `^[text]` (OFM F4), which remark-gfm does not know, as a micromark text
 * construct. The text between the brackets is ordinary inline Markdown (links, emphasis, tags).
 *
 * ```md
 * A claim.^[With **its** source.] And a regular one.[^1]
 * ```
 *
 * Each one becomes a `footnoteReference` where it is written and a `footnoteDefinition`
 * (identifier `grove-inline-N`) appended to the document, so mdast-util-to-hast numbers them in
 * reading order together with `[^label]` footnotes and lists them in the same footnote section.
 *
 * The closing `]` is the first one that balances the brackets opened inside (`^[see [[Note]]]`);
 * `\]` does not count. `^[]` and an unclosed `^[` stay text. Code is opaque for free.
 */
import type { Plugin, Processor } from 'unified'
import type { FootnoteDefinition, FootnoteReference, Parent, PhrasingContent, Root } from 'mdast'
import type { Code, Effects, Extension, State } from 'micromark-util-types'
import type { CompileContext, Extension as FromMarkdownExtension, Token } from 'mdast-util-from-markdown'
import { codes, constants, types } from 'micromark-util-symbol'

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    inlineFootnote: 'inlineFootnote' // the whole `^[…]`
    inlineFootnoteMarker: 'inlineFootnoteMarker' // `^[` or `]`
    inlineFootnoteText: 'inlineFootnoteText' // what is between them
  }
}

/** Placeholder node while the footnote's inline content is being compiled. */
interface InlineFootnote extends Parent {
  type: 'inlineFootnote'
  children: PhrasingContent[]
}

/** The identifier prefix of inline footnotes (no `[^label]` a person writes looks like it). */
export const INLINE_FOOTNOTE_PREFIX = 'grove-inline-'

/** Parse `^[text]` into a footnote reference plus a definition at the end of the document. */
export const remarkInlineFootnote: Plugin<[], Root> = function (this: Processor) {
  const data = this.data()
  ;(data.micromarkExtensions ??= []).push(inlineFootnoteSyntax())
  ;(data.fromMarkdownExtensions ??= []).push(inlineFootnoteFromMarkdown())
}

export function inlineFootnoteSyntax(): Extension {
  return { text: { [codes.caret]: { name: 'inlineFootnote', tokenize } } }
}

function tokenize(effects: Effects, ok: State, nok: State): State {
  let depth = 0
  return start

  function start(code: Code): State | undefined {
    if (code !== codes.caret) return nok(code)
    effects.enter('inlineFootnote')
    effects.enter('inlineFootnoteMarker')
    effects.consume(code)
    return open
  }

  function open(code: Code): State | undefined {
    if (code !== codes.leftSquareBracket) return nok(code)
    effects.consume(code)
    effects.exit('inlineFootnoteMarker')
    return textStart
  }

  function textStart(code: Code): State | undefined {
    if (code === codes.eof || code === codes.rightSquareBracket) return nok(code)
    effects.enter('inlineFootnoteText')
    effects.enter(types.chunkText, { contentType: constants.contentTypeText })
    return inside(code)
  }

  function inside(code: Code): State | undefined {
    if (code === codes.eof) return nok(code)
    if (code === codes.rightSquareBracket && depth === 0) {
      effects.exit(types.chunkText)
      effects.exit('inlineFootnoteText')
      effects.enter('inlineFootnoteMarker')
      effects.consume(code)
      effects.exit('inlineFootnoteMarker')
      effects.exit('inlineFootnote')
      return ok
    }
    if (code === codes.leftSquareBracket) depth++
    if (code === codes.rightSquareBracket) depth--
    effects.consume(code)
    return code === codes.backslash ? escaped : inside
  }

  function escaped(code: Code): State | undefined {
    if (code === codes.leftSquareBracket || code === codes.rightSquareBracket || code === codes.backslash) {
      effects.consume(code)
      return inside
    }
    return inside(code)
  }
}

export function inlineFootnoteFromMarkdown(): FromMarkdownExtension {
  let definitions: FootnoteDefinition[] = []
  return {
    canContainEols: ['inlineFootnote'],
    enter: {
      inlineFootnote(this: CompileContext, token: Token) {
        const node: InlineFootnote = { type: 'inlineFootnote', children: [] }
        this.enter(node as never, token)
      },
    },
    exit: {
      inlineFootnote(this: CompileContext, token: Token) {
        const node = this.stack[this.stack.length - 1] as unknown as InlineFootnote
        this.exit(token)
        const parent = this.stack[this.stack.length - 1] as Parent
        const identifier = INLINE_FOOTNOTE_PREFIX + (definitions.length + 1)
        const reference: FootnoteReference = { type: 'footnoteReference', identifier, label: identifier }
        if (node.position) reference.position = node.position
        const definition: FootnoteDefinition = {
          type: 'footnoteDefinition',
          identifier,
          label: identifier,
          children: [{ type: 'paragraph', children: node.children }],
        }
        if (node.position) definition.position = node.position
        definitions.push(definition)
        parent.children[parent.children.length - 1] = reference
      },
    },
    transforms: [
      (tree: Root) => {
        if (definitions.length > 0) tree.children.push(...definitions)
        definitions = []
      },
    ],
  }
}
