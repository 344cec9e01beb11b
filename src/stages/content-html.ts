/**
 * A rendered note body as it leaves the render stage: serialised HTML plus the features the page
 * chrome must load for it (KaTeX CSS, code/mermaid scripts). A string, because it crosses
 * threads and the cache far more cheaply than a tree.
 */
import type { Root } from 'hast'
import { toHtml } from 'hast-util-to-html'
import { visit } from 'unist-util-visit'
import { contains } from '../markdown/code-block.js'

export type ContentFeature = 'math' | 'code' | 'mermaid'

export interface ContentHtml {
  html: string
  features: ContentFeature[]
}

function hasKatex(tree: Root): boolean {
  let found = false
  visit(tree, 'element', (el) => {
    if (!found && Array.isArray(el.properties?.className) && el.properties.className.includes('katex')) found = true
  })
  return found
}

export function toContentHtml(tree: Root): ContentHtml {
  const features: ContentFeature[] = []
  if (hasKatex(tree)) features.push('math')
  if (contains(tree, 'code')) features.push('code')
  if (contains(tree, 'mermaid')) features.push('mermaid')
  return { html: toHtml(tree, { allowDangerousHtml: false }), features }
}
