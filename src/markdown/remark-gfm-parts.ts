/**
 * remark-gfm taken apart, so a note that cannot contain a table (say) is parsed without the
 * table extension. With every part on it registers the same extensions in the same order as
 * remark-gfm (autolink literal, footnote, strikethrough, table, task list), so the tree is the
 * same; the to-markdown side is left out, as the parse preset never serializes.
 */
import type { Plugin, Processor } from 'unified'
import type { Root } from 'mdast'
import type { Extension } from 'micromark-util-types'
import type { Extension as FromMarkdownExtension } from 'mdast-util-from-markdown'
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal'
import { gfmFootnote } from 'micromark-extension-gfm-footnote'
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough'
import { gfmTable } from 'micromark-extension-gfm-table'
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item'
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal'
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote'
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough'
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table'
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item'

export interface GfmParts {
  autolinkLiteral: boolean
  footnote: boolean
  strikethrough: boolean
  table: boolean
  taskList: boolean
  /** remark-gfm's option of the same name. */
  singleTilde: boolean
}

export const remarkGfmParts: Plugin<[GfmParts], Root> = function (this: Processor, parts: GfmParts) {
  const data = this.data()
  const syntax: Extension[] = (data.micromarkExtensions ??= [])
  const tree: Array<FromMarkdownExtension | FromMarkdownExtension[]> = (data.fromMarkdownExtensions ??= [])
  const add = (on: boolean, micromark: Extension, fromMarkdown: FromMarkdownExtension): void => {
    if (!on) return
    syntax.push(micromark)
    tree.push(fromMarkdown)
  }
  add(parts.autolinkLiteral, gfmAutolinkLiteral(), gfmAutolinkLiteralFromMarkdown())
  add(parts.footnote, gfmFootnote(), gfmFootnoteFromMarkdown())
  add(parts.strikethrough, gfmStrikethrough({ singleTilde: parts.singleTilde }), gfmStrikethroughFromMarkdown())
  add(parts.table, gfmTable(), gfmTableFromMarkdown())
  add(parts.taskList, gfmTaskListItem(), gfmTaskListItemFromMarkdown())
}
