/**
 * The parse preset: CommonMark + GFM + math + front matter + Obsidian syntax, in the order the
 * syntax plugins require (callouts before block ids; task statuses before block ids; dollar fix after math; breaks last).
 *
 * Most notes use a few of these: each extension tried at every character (autolink literals on
 * every letter, tables at every block) costs even when it never matches. So a note is parsed
 * by the preset cut down to the features its text can contain (syntax-features.ts), which gives
 * the same tree as the full preset; one frozen processor is kept per feature mask.
 */
import type { Processor } from 'unified'
import type { Root } from 'mdast'
import type { Compatible } from 'vfile'
import { unified } from 'unified'
import remarkParse from 'remark-parse'
import remarkFrontmatter from 'remark-frontmatter'
import remarkMath from 'remark-math'
import remarkWikiLink from 'remark-wiki-link'
import { remarkGfmParts } from './remark-gfm-parts.js'
import { remarkEmbed } from './remark-embed.js'
import { remarkComment } from './remark-comment.js'
import { remarkTag } from './remark-tag.js'
import { remarkHighlight } from './remark-highlight.js'
import { remarkCallout } from './remark-callout.js'
import { remarkBlockId } from './remark-block-id.js'
import { remarkMathDollars } from './remark-math-dollars.js'
import { remarkInlineFootnote } from './remark-inline-footnote.js'
import { remarkTaskStatus } from './remark-task-status.js'
import { remarkSoftBreaks } from './remark-soft-breaks.js'
import { ALL_FEATURES, Feature, syntaxFeatures } from './syntax-features.js'

export interface ObsidianOptions {
  /** Obsidian's "Strict line breaks"; false turns single newlines into <br>. */
  strictLineBreaks: boolean
}

/** The preset with only the features in `mask` (a {@link Feature} bit set); all by default. */
export function createPresetProcessor(options: ObsidianOptions, mask: number = ALL_FEATURES): Processor<Root, Root, Root> {
  const on = (feature: number): boolean => (mask & feature) !== 0
  const p = unified().use(remarkParse)
  if (on(Feature.frontmatter)) p.use(remarkFrontmatter, ['yaml'])
  p.use(remarkGfmParts, {
    autolinkLiteral: on(Feature.autolinkLiteral),
    footnote: on(Feature.footnote),
    strikethrough: on(Feature.strikethrough),
    table: on(Feature.table),
    taskList: on(Feature.taskList),
    singleTilde: false,
  })
  if (on(Feature.math)) p.use(remarkMath)
  if (on(Feature.wikiLink)) p.use(remarkWikiLink, { aliasDivider: '|' }).use(remarkEmbed)
  if (on(Feature.comment)) p.use(remarkComment)
  if (on(Feature.tag)) p.use(remarkTag)
  if (on(Feature.highlight)) p.use(remarkHighlight)
  if (on(Feature.inlineFootnote)) p.use(remarkInlineFootnote)
  if (on(Feature.math)) p.use(remarkMathDollars)
  if (on(Feature.callout)) p.use(remarkCallout)
  if (on(Feature.taskStatus)) p.use(remarkTaskStatus)
  if (on(Feature.blockId)) p.use(remarkBlockId)
  if (!options.strictLineBreaks) p.use(remarkSoftBreaks)
  return p.freeze() as unknown as Processor<Root, Root, Root>
}

/** The two processor methods the parse stage uses; each note gets its cut-down preset. */
export interface ParseProcessor {
  parse(text: string): Root
  /** Runs the transforms of the preset that parsed `tree` (the full one for any other tree). */
  runSync(tree: Root, file?: Compatible): Root
}

export function createParseProcessor(options: ObsidianOptions): ParseProcessor {
  const presets = new Map<number, Processor<Root, Root, Root>>()
  const parsedBy = new WeakMap<Root, Processor<Root, Root, Root>>()
  const preset = (mask: number): Processor<Root, Root, Root> => {
    let p = presets.get(mask)
    if (!p) presets.set(mask, (p = createPresetProcessor(options, mask)))
    return p
  }
  return {
    parse(text) {
      const p = preset(syntaxFeatures(text))
      const tree = p.parse(text)
      parsedBy.set(tree, p)
      return tree
    },
    runSync(tree, file) {
      return (parsedBy.get(tree) ?? preset(ALL_FEATURES)).runSync(tree, file)
    },
  }
}
