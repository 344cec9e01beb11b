/**
 * The parse preset: CommonMark + GFM + math + front matter + Obsidian syntax, in the order the
 * syntax plugins require (callouts before block ids; task statuses before block ids; dollar fix after math; breaks last).
 * Holds no logic.
 */
import type { Processor } from 'unified'
import type { Root } from 'mdast'
import { unified } from 'unified'
import remarkParse from 'remark-parse'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkMath from 'remark-math'
import remarkBreaks from 'remark-breaks'
import remarkWikiLink from 'remark-wiki-link'
import { remarkEmbed } from './remark-embed.js'
import { remarkComment } from './remark-comment.js'
import { remarkTag } from './remark-tag.js'
import { remarkHighlight } from './remark-highlight.js'
import { remarkCallout } from './remark-callout.js'
import { remarkBlockId } from './remark-block-id.js'
import { remarkMathDollars } from './remark-math-dollars.js'
import { remarkInlineFootnote } from './remark-inline-footnote.js'
import { remarkTaskStatus } from './remark-task-status.js'

export interface ObsidianOptions {
  /** Obsidian's "Strict line breaks"; false turns single newlines into <br>. */
  strictLineBreaks: boolean
}

export function createParseProcessor(options: ObsidianOptions): Processor<Root, Root, Root> {
  const p = unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml'])
    .use(remarkGfm, { singleTilde: false })
    .use(remarkMath)
    .use(remarkWikiLink, { aliasDivider: '|' })
    .use(remarkEmbed)
    .use(remarkComment)
    .use(remarkTag)
    .use(remarkHighlight)
    .use(remarkInlineFootnote)
    .use(remarkMathDollars)
    .use(remarkCallout)
    .use(remarkTaskStatus)
    .use(remarkBlockId)
  if (!options.strictLineBreaks) p.use(remarkBreaks)
  return p.freeze() as unknown as Processor<Root, Root, Root>
}
