/**
 * Fenced code blocks (OFM F6): the mdast → hast handler and the highlighting pass.
 *
 * ```ts title="x.ts"   →  <div class="code-block" data-lang="ts">
 *                           <div class="code-title">x.ts</div>
 *                           <pre class="shiki"><code class="language-ts">…tokens…</code></pre>
 *                         </div>
 * ```mermaid           →  <pre class="mermaid">source</pre> (drawn in the browser; readable without JS)
 *
 * Highlighting is a separate pass over the finished hast (after raw HTML is parsed and made
 * safe), so the sanitizer never strips the token colours and only Grove's own blocks, the ones
 * wrapped in `.code-block`, are touched. `math` fences are left to KaTeX.
 */
import type { Code } from 'mdast'
import type { Element, ElementContent, Root } from 'hast'
import { defaultHandlers, type State } from 'mdast-util-to-hast'
import { h } from 'hastscript'
import { walkElements, someElement, classesOf, SKIP } from './hast-walk.js'
import { highlightLines } from './highlighter.js'

/** `title="x.ts"`, `title='x.ts'` or `title=x.ts` in the info string after the language. */
const TITLE = /(?:^|\s)title=(?:"([^"]*)"|'([^']*)'|(\S+))/

export function codeTitle(meta: string | null | undefined): string | undefined {
  const m = meta ? TITLE.exec(meta) : null
  const title = m ? (m[1] ?? m[2] ?? m[3]) : undefined
  return title?.trim() || undefined
}

/** The `code` handler: mermaid diagrams, math left to KaTeX, everything else a `.code-block`. */
export function codeHandler(state: State, node: Code): Element | ElementContent[] {
  const lang = node.lang?.toLowerCase()
  if (lang === 'math') return defaultHandlers.code(state, node)
  if (lang === 'mermaid') {
    const pre = h('pre.mermaid', node.value)
    state.patch(node, pre)
    return state.applyData(node, pre)
  }
  const code = h('code', { className: node.lang ? ['language-' + node.lang] : undefined }, node.value ? node.value + '\n' : '')
  const title = codeTitle(node.meta)
  const block = h('div.code-block', { dataLang: node.lang ?? undefined }, [title ? h('div.code-title', title) : null, h('pre', [code])].filter((x): x is Element => x !== null))
  state.patch(node, block)
  return state.applyData(node, block)
}

const langOf = (code: Element): string | undefined => {
  const cls = code.properties?.className
  const name = Array.isArray(cls) ? cls.find((c) => typeof c === 'string' && c.startsWith('language-')) : undefined
  return typeof name === 'string' ? name.slice('language-'.length) : undefined
}

/** Replaces the text of every `.code-block > pre > code.language-xx` with shiki's tokens. */
export function highlightCode(tree: Root): void {
  walkElements(tree, {
    enter(el) {
      if (!classesOf(el)?.includes('code-block')) return undefined
      highlightBlock(el)
      return SKIP // blocks inside a block are left as they are
    },
  })
}

/** Highlights one `.code-block` element (its `pre > code.language-xx`), if its language has a grammar. */
export function highlightBlock(el: Element): void {
  const pre = el.children.find((c): c is Element => c.type === 'element' && c.tagName === 'pre')
  const code = pre?.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code')
  const lang = code && langOf(code)
  if (!pre || !code || !lang) return
  const text = code.children.map((c) => (c.type === 'text' ? c.value : '')).join('')
  const lines = highlightLines(text.replace(/\n$/, ''), lang)
  if (!lines) return
  code.children = lines
  pre.properties = { ...pre.properties, className: ['shiki'] }
}

/** Does the hast contain a block of `kind` (for loading the page's client scripts)? */
export function contains(tree: { children: unknown[] }, kind: 'code' | 'mermaid'): boolean {
  const want = kind === 'code' ? 'code-block' : 'mermaid'
  return someElement(tree as Root, (el) => classesOf(el)?.includes(want) === true)
}
