/**
 * mdast → hast handlers for Obsidian nodes and for links/images that point into the vault.
 * Resolution comes from the VaultIndex in the RenderContext; markup follows Obsidian's DOM
 * (DESIGN.md §4). Embeds recurse through `ctx.embed`.
 */
import type { Handlers, State } from 'mdast-util-to-hast'
import type { Element, ElementContent } from 'hast'
import type { Link, Image, Paragraph, Heading, Html } from 'mdast'
import { h } from 'hastscript'
import type { WikiLink, Tag, Highlight, Callout } from './nodes.js'
import { parseWikiValue, parseMarkdownUrl, isExternalUrl, type LinkRef } from '../vault/link-ref.js'
import { resolveLink, linkDisplayText, type ResolvedLink } from '../stages/resolve.js'
import { relativeHref, extensionOf, baseName, pageOutputPath, type OutputPath, type SourcePath } from '../vault/paths.js'
import type { VaultIndex } from '../vault/vault-index.js'
import { mediaEmbed, mediaKind, missingEmbed, parseSizeSpec } from './media.js'
import { defaultCalloutTitle } from './callout-types.js'
import { codeHandler } from './code-block.js'
import { rewriteRawHtmlUrls } from './raw-html-urls.js'

export interface LinkContext {
  index: VaultIndex
  /** The output file the HTML is written to: hrefs are relative to it. */
  page: OutputPath
  /** The note whose links are being resolved (the embedded note inside an embed). */
  source: SourcePath
  /** Renders a note embed (recursion lives in the render stage). */
  embed: (ref: LinkRef, r: ResolvedLink) => ElementContent
}

function hrefFor(ctx: LinkContext, r: ResolvedLink): string | undefined {
  const res = r.res
  switch (res.kind) {
    case 'note':
      return res.entry.output === ctx.page && r.anchor ? '#' + r.anchor : relativeHref(ctx.page, res.entry.output, r.anchor)
    case 'attachment':
      return relativeHref(ctx.page, res.entry.output)
    case 'folder':
    case 'tag':
      return relativeHref(ctx.page, pageOutputPath(res.entry.slug))
    default:
      return undefined
  }
}

function linkElement(ctx: LinkContext, ref: LinkRef, r: ResolvedLink, children: ElementContent[]): Element {
  const href = hrefFor(ctx, r)
  if (!href) return h('span.internal-link.is-unresolved', { title: `Unresolved link: ${ref.target || ref.raw}` }, children)
  const target = r.res.kind === 'note' ? r.res.entry.note.title : undefined
  return h('a.internal-link', { href, 'data-href': ref.target + (ref.fragment ? '#' + ref.fragment : ''), title: target }, children)
}

function attachmentEmbed(ctx: LinkContext, ref: LinkRef, r: ResolvedLink, sizeSpec: string | undefined): ElementContent {
  // `src` is the target as written (Publish's `span.internal-embed[src]`), missing or not.
  const src = ref.target + (ref.fragment ? '#' + ref.fragment : '')
  if (r.res.kind !== 'attachment') return missingEmbed(src, ref.target)
  const href = relativeHref(ctx.page, r.res.entry.output)
  const name = baseName(r.res.entry.source)
  return mediaEmbed(mediaKind(extensionOf(name)), href, src, name, parseSizeSpec(sizeSpec), ref.fragment)
}

const place = (node: { position?: { start: { line: number; column: number } } }) => ({
  line: node.position?.start.line ?? 1,
  column: node.position?.start.column ?? 1,
})

/** Builds the handlers for one render pass. */
export function createHandlers(ctx: LinkContext): Handlers {
  return {
    wikiLink(_state: State, node: WikiLink) {
      const ref = parseWikiValue(node.value, node.data?.alias ?? undefined, node.data?.embed === true, place(node))
      const r = resolveLink(ctx.index, ctx.source, ref)
      if (ref.embed) {
        if (r.res.kind === 'note') return ctx.embed(ref, r)
        if (r.res.kind === 'unresolved' || r.res.kind === 'attachment') return attachmentEmbed(ctx, ref, r, ref.alias)
      }
      return linkElement(ctx, ref, r, [{ type: 'text', value: linkDisplayText(ref) }])
    },

    link(state: State, node: Link) {
      const children = state.all(node) as ElementContent[]
      if (isExternalUrl(node.url)) return h('a.external-link', { href: node.url, title: node.title ?? undefined, rel: 'noopener' }, children)
      const ref = parseMarkdownUrl(node.url, false, place(node))
      if (!ref) return h('a', { href: node.url }, children)
      return linkElement(ctx, ref, resolveLink(ctx.index, ctx.source, ref), children)
    },

    image(_state: State, node: Image) {
      const size = parseSizeSpec(node.alt ?? undefined)
      if (isExternalUrl(node.url)) {
        return h('img', { src: node.url, alt: size.alt ?? '', width: size.width, height: size.height, loading: 'lazy' })
      }
      const ref = parseMarkdownUrl(node.url, true, place(node))
      if (!ref) return h('img', { src: node.url, alt: size.alt ?? '' })
      return attachmentEmbed(ctx, ref, resolveLink(ctx.index, ctx.source, ref), node.alt ?? undefined)
    },

    html(_state: State, node: Html) {
      // Vault paths in raw HTML (`<img src="pic.png">`) become the page's relative URLs.
      const value = rewriteRawHtmlUrls(node.value, (u) => {
        const ref = parseMarkdownUrl(u.url, u.attr === 'src', place(node))
        return ref ? hrefFor(ctx, resolveLink(ctx.index, ctx.source, ref)) ?? null : null
      })
      return { type: 'raw', value } as unknown as ElementContent
    },

    tag(_state: State, node: Tag) {
      const tag = ctx.index.tag(node.value.replace(/\/+$/, ''))
      if (!tag) return { type: 'text', value: '#' + node.value }
      return h('a.tag', { href: relativeHref(ctx.page, pageOutputPath(tag.slug)) }, '#' + node.value)
    },

    highlight(state: State, node: Highlight) {
      return h('mark', state.all(node) as ElementContent[])
    },

    callout(state: State, node: Callout) {
      const titleInner = node.title.length ? (state.all({ type: 'paragraph', children: node.title } as Paragraph) as ElementContent[]) : [{ type: 'text' as const, value: defaultCalloutTitle(node.calloutType) }]
      const type = isKnownType(node) ? node.canonicalType : node.calloutType
      const title = [h('span.callout-icon', { 'aria-hidden': 'true' }), h('span.callout-title-inner', titleInner)]
      const body = h('div.callout-content', state.all(node) as ElementContent[])
      const id = (node.data as { blockId?: string } | undefined)?.blockId
      const props = { 'data-callout': type, 'data-callout-fold': node.fold, id: id ? '^' + id : undefined }
      if (node.fold) return h('details.callout', { ...props, open: node.fold === '+' }, [h('summary.callout-title', title), body])
      return h('div.callout', props, [h('div.callout-title', title), body])
    },

    code: codeHandler,

    heading(state: State, node: Heading) {
      // The `#` is drawn by CSS so the heading's text (TOC, search, link checks) stays its own.
      const id = (node.data?.hProperties as { id?: unknown } | undefined)?.id
      const kids = state.all(node) as ElementContent[]
      if (typeof id === 'string') kids.push(h('a.heading-anchor', { href: '#' + id, ariaLabel: 'Link to this section' }))
      const el = h('h' + node.depth, kids)
      state.patch(node, el)
      return state.applyData(node, el)
    },

    paragraph(state: State, node: Paragraph) {
      // A note embed is a block: split the paragraph around it so no <div> sits inside a <p>.
      const kids = state.all(node) as ElementContent[]
      const isBlock = (k: ElementContent) => k.type === 'element' && k.tagName === 'div'
      if (!kids.some(isBlock)) return state.applyData(node, h('p', kids))
      const out: ElementContent[] = []
      let run: ElementContent[] = []
      const flush = () => {
        const meaningful = run.some((k) => !(k.type === 'text' && !k.value.trim()) && !(k.type === 'element' && k.tagName === 'br'))
        if (meaningful) out.push(h('p', run))
        run = []
      }
      for (const k of kids) {
        if (isBlock(k)) {
          flush()
          out.push(k)
        } else run.push(k)
      }
      flush()
      return out
    },
  } as unknown as Handlers
}

/** Aliases (faq, cite…) style as their canonical type; unknown types keep their own name. */
function isKnownType(node: Callout): boolean {
  return node.canonicalType !== 'note' || node.calloutType === 'note'
}
