/**
 * A rendered note body as it leaves the render stage: serialised HTML plus the features the page
 * chrome must load for it (KaTeX CSS, code/mermaid scripts). A string, because it crosses
 * threads and the cache far more cheaply than a tree.
 */
import type { Root } from 'hast'
import { toHtml } from 'hast-util-to-html'
import { walkElements, classesOf, EXIT } from '../markdown/hast-walk.js'

export type ContentFeature = 'math' | 'code' | 'mermaid'

export interface ContentHtml {
  html: string
  features: ContentFeature[]
}

export function toContentHtml(tree: Root): ContentHtml {
  // One walk for the three features; it stops once all are found.
  let math = false
  let code = false
  let mermaid = false
  walkElements(tree, {
    enter(el) {
      const cls = classesOf(el)
      if (!cls) return undefined
      math ||= cls.includes('katex')
      code ||= cls.includes('code-block')
      mermaid ||= cls.includes('mermaid')
      return math && code && mermaid ? EXIT : undefined
    },
  })
  const features: ContentFeature[] = []
  if (math) features.push('math')
  if (code) features.push('code')
  if (mermaid) features.push('mermaid')
  return { html: toHtml(tree, { allowDangerousHtml: false }), features }
}
