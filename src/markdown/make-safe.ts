/**
 * Makes note HTML safe to publish. Default (as Obsidian renders): raw HTML is kept, minus
 * <script>, on* event handlers and javascript: URLs. With `sanitize: true`: a strict allow-list
 * (hast-util-sanitize) for multi-author sites, keeping Grove's own classes and data attributes.
 */
import type { Root, Element } from 'hast'
import { walkElements, REMOVE, type Action } from './hast-walk.js'
import { sanitize, defaultSchema, type Schema } from 'hast-util-sanitize'

const URL_PROPS = ['href', 'src', 'action', 'formAction', 'xLinkHref', 'poster', 'cite', 'data', 'background']
const DROP_TAGS = new Set(['script', 'base', 'meta', 'frame', 'frameset', 'applet'])
const unsafeUrl = (v: unknown) => typeof v === 'string' && /^\s*(javascript|vbscript|data:text\/html|file:)/i.test(v.replace(/[\u0000-\u001f\s]+/g, ''))

/** GitHub's schema restricts `className` per tag (footnotes, task lists); Grove's classes go everywhere. */
const withoutClassRules = (attrs: Schema['attributes']) =>
  Object.fromEntries(Object.entries(attrs ?? {}).map(([tag, list]) => [tag, list.filter((a) => !(Array.isArray(a) && a[0] === 'className'))]))

const BASE = withoutClassRules(defaultSchema.attributes)

const STRICT: Schema = {
  ...defaultSchema,
  clobber: [],
  clobberPrefix: '',
  tagNames: [...(defaultSchema.tagNames ?? []), 'mark', 'details', 'summary', 'audio', 'video', 'source', 'figure', 'figcaption', 'abbr', 'u'],
  attributes: {
    ...BASE,
    '*': [...(BASE['*'] ?? []), 'className', 'id', 'title', 'role', 'ariaHidden', 'ariaLabel', 'data*'],
    a: [...(BASE.a ?? []), 'rel'],
    img: [...(BASE.img ?? []), 'loading', 'decoding', 'width', 'height'],
    span: ['src'],
    details: ['open'],
    audio: ['src', 'controls', 'preload'],
    video: ['src', 'controls', 'preload', 'width'],
  },
}

export function makeSafe(tree: Root, strict: boolean): Root {
  if (strict) return sanitize(tree, STRICT) as Root
  walkElements(tree, { enter: safeElement })
  return tree
}

/** The default (non-strict) rule for one element, as a walker step: drops it or strips its unsafe attributes. */
export function safeElement(el: Element): Action {
  if (DROP_TAGS.has(el.tagName)) return REMOVE
  for (const key of Object.keys(el.properties ?? {})) {
    const lower = key.toLowerCase()
    if (lower.startsWith('on') || lower === 'srcdoc' || lower === 'formaction') delete el.properties[key]
    else if (URL_PROPS.includes(key) && unsafeUrl(el.properties[key])) delete el.properties[key]
  }
  return undefined
}
