/**
 * Shared test helpers: build the processor the way the brief prescribes (parse + front matter +
 * GFM + wiki links, then the plugins under test) and small mdast queries for explicit asserts.
 */
import { unified, type Pluggable, type Processor } from 'unified'
import remarkParse from 'remark-parse'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkWikiLink from 'remark-wiki-link'
import remarkMath from 'remark-math'
import type { Root, Nodes, Parent } from 'mdast'
import '../../src/markdown/nodes.js'

/** Parse `md` with the base stack plus `plugins`, run transforms, return the tree. */
export function parse(md: string, ...plugins: Pluggable[]): Root {
  const processor = unified()
    .use(remarkParse)
    .use(remarkFrontmatter)
    .use(remarkGfm)
    .use(remarkWikiLink, { aliasDivider: '|' })
    .use(plugins)
  return processor.runSync(processor.parse(md)) as Root
}

/** Every node of type `type`, in document order. */
export function all<T extends Nodes['type']>(tree: Nodes, type: T): Extract<Nodes, { type: T }>[] {
  const found: Nodes[] = []
  const walk = (node: Nodes): void => {
    if (node.type === type) found.push(node)
    if ('children' in node) for (const child of (node as Parent).children) walk(child as Nodes)
  }
  walk(tree)
  return found as Extract<Nodes, { type: T }>[]
}

/** The first node of type `type`; throws when there is none (so asserts read simply). */
export function first<T extends Nodes['type']>(tree: Nodes, type: T): Extract<Nodes, { type: T }> {
  const [node] = all(tree, type)
  if (!node) throw new Error(`no ${type} node`)
  return node
}

/** `[startLine, startColumn, endLine, endColumn]` of a node, for compact position asserts. */
export function pos(node: Nodes): [number, number, number, number] {
  const p = node.position
  if (!p) throw new Error(`${node.type} has no position`)
  return [p.start.line, p.start.column, p.end.line, p.end.column]
}

/**
 * The base stack with remark-math, then `plugins`; `parse` runs the transforms with the source
 * attached, as the build does, and `processor` is there for tests that run without it.
 */
export function mathStack(...plugins: Pluggable[]) {
  const processor = () =>
    unified().use(remarkParse).use(remarkFrontmatter).use(remarkGfm).use(remarkMath).use(remarkWikiLink, { aliasDivider: '|' }).use(plugins) as unknown as Processor<Root, Root, Root>
  const parse = (md: string): Root => {
    const p = processor()
    return p.runSync(p.parse(md), md) as Root
  }
  return { processor, parse }
}
