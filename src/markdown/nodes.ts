/**
 * The mdast node types Grove adds for Obsidian syntax. The parse processor makes them at the
 * syntax level (micromark constructs) or as tree transforms; the render stage turns them into hast.
 */
import type { Node, Parent, PhrasingContent, BlockContent, DefinitionContent, Data } from 'mdast'

/** `[[target#heading|alias]]` or, with `embed`, `![[target#heading|alias]]`. */
export interface WikiLink extends Node {
  type: 'wikiLink'
  /** Everything between `[[` and the first `|` (or `]]`), as written: "vac/dst/index#Goals". */
  value: string
  data?: WikiLinkData
}

export interface WikiLinkData extends Data {
  /** Text after the first `|`, as written (remark-wiki-link copies `value` here when absent). */
  alias?: string | null
  /** True when written as `![[…]]`. */
  embed?: boolean
  /** Filled by remark-wiki-link; Grove ignores it. */
  [key: string]: unknown
}

/** An inline `#tag`; `value` is without the `#`, as written (`Roadmap/Q1`). */
export interface Tag extends Node {
  type: 'tag'
  value: string
}

/** `==text==` */
export interface Highlight extends Parent {
  type: 'highlight'
  children: PhrasingContent[]
}

/** `> [!type]± Title` — a blockquote turned into a callout. */
export interface Callout extends Parent {
  type: 'callout'
  /** Lowercased type as written (`faq`, `custom-thing`). */
  calloutType: string
  /** Canonical type for styling (`question` for `faq`; `note` for unknown types). */
  canonicalType: string
  /** `+` open foldable, `-` closed foldable, undefined not foldable. */
  fold?: '+' | '-'
  /** Inline title; empty means the default title (type in title case). */
  title: PhrasingContent[]
  children: Array<BlockContent | DefinitionContent>
}

declare module 'mdast' {
  interface PhrasingContentMap {
    wikiLink: WikiLink
    tag: Tag
    highlight: Highlight
  }
  interface BlockContentMap {
    callout: Callout
  }
  interface RootContentMap {
    wikiLink: WikiLink
    tag: Tag
    highlight: Highlight
    callout: Callout
  }
}
