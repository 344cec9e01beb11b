/**
 * Obsidian highlights `==text==` (OFM F2), built like micromark-extension-gfm-strikethrough.
 *
 * Why attention-style and not a "find the next `==`" scan: highlights must nest with `*em*`,
 * `**strong**`, `~~del~~` and `[[links]]` either way round, which only works when the `==`
 * runs take part in the same delimiter pairing as emphasis. So the tokenizer only makes
 * temporary `==` sequences that know whether they can open or close (flanking, as for `~~`),
 * and `resolveAll` pairs them after the text is tokenized, then re-resolves what is between
 * (emphasis inside). Unpaired sequences, and `==` with whitespace on both sides (`a == b`),
 * stay literal text. Code is opaque for free: code spans never run text constructs.
 */
import type { Plugin, Processor } from 'unified'
import type { Root } from 'mdast'
import type { Code, Effects, Event, Extension, Resolver, State, Token, TokenizeContext } from 'micromark-util-types'
import type { CompileContext, Extension as FromMarkdownExtension } from 'mdast-util-from-markdown'
import { markdownLineEndingOrSpace, unicodePunctuation, unicodeWhitespace } from 'micromark-util-character'
import { codes, constants, types } from 'micromark-util-symbol'
import type { Highlight } from './nodes.js'

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    highlight: 'highlight' // the whole `==…==`
    highlightSequence: 'highlightSequence' // a paired `==`
    highlightSequenceTemporary: 'highlightSequenceTemporary' // a `==` before pairing
    highlightText: 'highlightText' // what is between the sequences
  }
}

/** Parse `==text==` into `highlight` nodes with phrasing children. */
export const remarkHighlight: Plugin<[], Root> = function (this: Processor) {
  const data = this.data()
  ;(data.micromarkExtensions ??= []).push(highlightSyntax())
  ;(data.fromMarkdownExtensions ??= []).push(highlightFromMarkdown())
}

/** The micromark extension (exported for tests and for other processors). */
export function highlightSyntax(): Extension {
  const construct = { name: 'highlight', tokenize: tokenizeHighlight, resolveAll: resolveAllHighlight }
  return {
    text: { [codes.equalsTo]: construct },
    insideSpan: { null: [construct] },
    // Lets `*==a==*` open/close emphasis next to `=` as it does next to `~`.
    attentionMarkers: { null: [codes.equalsTo] },
  }
}

/** The mdast-util-from-markdown extension. */
export function highlightFromMarkdown(): FromMarkdownExtension {
  return {
    canContainEols: ['highlight'],
    enter: {
      highlight(this: CompileContext, token) {
        const node: Highlight = { type: 'highlight', children: [] }
        this.enter(node, token)
      },
    },
    exit: {
      highlight(this: CompileContext, token) {
        this.exit(token)
      },
    },
  }
}

/** Like micromark-util-classify-character: 1 whitespace, 2 punctuation, undefined otherwise. */
function classify(code: Code): 1 | 2 | undefined {
  if (code === codes.eof || markdownLineEndingOrSpace(code) || unicodeWhitespace(code)) {
    return constants.characterGroupWhitespace
  }
  if (unicodePunctuation(code)) return constants.characterGroupPunctuation
  return undefined
}

/**
 * In-place `list.splice(start, remove, ...items)` that is safe for huge `items` (like
 * micromark-util-chunked). In place matters: subtokenize keeps a reference to the array.
 */
function splice<T>(list: T[], start: number, remove: number, items: T[]): void {
  list.splice(start, remove)
  for (let chunk = 0; chunk < items.length; chunk += 10_000) {
    list.splice(start + chunk, 0, ...items.slice(chunk, chunk + 10_000))
  }
}

/** Pair temporary sequences into highlights (mutating `events`); leftovers become data. */
const resolveAllHighlight: Resolver = function (events, context) {
  let index = -1
  while (++index < events.length) {
    const closer = events[index]!
    if (closer[0] !== 'enter' || closer[1].type !== 'highlightSequenceTemporary' || !closer[1]._close) continue
    let open = index
    while (open--) {
      const opener = events[open]!
      if (opener[0] !== 'exit' || opener[1].type !== 'highlightSequenceTemporary' || !opener[1]._open) continue
      opener[1].type = 'highlightSequence'
      closer[1].type = 'highlightSequence'
      const highlight: Token = { type: 'highlight', start: { ...opener[1].start }, end: { ...closer[1].end } }
      const text: Token = { type: 'highlightText', start: { ...opener[1].end }, end: { ...closer[1].start } }
      let between = events.slice(open + 1, index)
      // Resolve what is between (attention, strikethrough) as a span of its own.
      const called: Resolver[] = []
      for (const construct of context.parser.constructs.insideSpan.null ?? []) {
        const resolve = construct.resolveAll
        if (resolve && !called.includes(resolve)) {
          between = resolve(between, context)
          called.push(resolve)
        }
      }
      const next: Event[] = [
        ['enter', highlight, context],
        ['enter', opener[1], context],
        ['exit', opener[1], context],
        ['enter', text, context],
        ...between,
        ['exit', text, context],
        ['enter', closer[1], context],
        ['exit', closer[1], context],
        ['exit', highlight, context],
      ]
      splice(events, open - 1, index - open + 3, next)
      index = open + next.length - 2
      break
    }
  }
  for (const event of events) {
    if (event[1].type === 'highlightSequenceTemporary') event[1].type = types.data
  }
  return events
}

/** Tokenize a run of exactly two `=` and record whether it can open and/or close. */
function tokenizeHighlight(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const previous = this.previous
  const events = this.events
  let size = 0
  return start

  function start(code: Code): State | undefined {
    // The rest of a longer run that already failed: don't start a sequence mid-run.
    if (previous === codes.equalsTo && events[events.length - 1]?.[1].type !== types.characterEscape) {
      return nok(code)
    }
    effects.enter('highlightSequenceTemporary')
    return more(code)
  }

  function more(code: Code): State | undefined {
    if (code === codes.equalsTo) {
      if (size > 1) return nok(code)
      effects.consume(code)
      size++
      return more
    }
    if (size < 2) return nok(code)
    const token = effects.exit('highlightSequenceTemporary')
    const before = classify(previous)
    const after = classify(code)
    token._open = !after || (after === constants.attentionSideAfter && Boolean(before))
    token._close = !before || (before === constants.attentionSideAfter && Boolean(after))
    return ok(code)
  }
}
