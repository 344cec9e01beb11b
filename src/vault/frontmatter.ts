/**
 * Normalises a note's raw front matter into NoteMeta: every shape of `tags`/`tag`,
 * `aliases`/`alias`, dates kept exactly as written, publish state. Pure; problems go to `warn`.
 */
export interface NoteMeta {
  title?: string
  tags: string[]
  aliases: string[]
  /** False for `draft: true` or `publish: false`. */
  published: boolean
  date?: string
  updated?: string
  description?: string
  permalink?: string
  cssclasses: string[]
  image?: string
}

export type Warn = (message: string, ruleId: 'invalid-frontmatter' | 'deprecated-key', key?: string) => void

const DATE_KEYS = ['date', 'created']
const UPDATED_KEYS = ['lastmod', 'modified', 'updated', 'last-modified']

function scalarText(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() || undefined
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  if (v instanceof Date && !Number.isNaN(v.getTime())) return v.toISOString().slice(0, 10)
  return undefined
}

/** A list from a YAML list, a flow list, a single string or a comma-separated string. */
function listOf(v: unknown): string[] {
  if (v === null || v === undefined) return []
  const items = Array.isArray(v) ? v : typeof v === 'string' ? v.split(',') : [v]
  return items.map((x) => scalarText(x)?.trim() ?? '').filter((x) => x !== '')
}

/** `#a`, ` a ` → `a`. Only Obsidian's tag characters (letters, digits, `_`, `-`, `/`, emoji). */
export function cleanTag(tag: string): string | undefined {
  const t = tag.trim().replace(/^#+/, '').replace(/\/+$/, '')
  if (!t || /^[\d/]+$/.test(t) || !/^[\p{L}\p{M}\p{N}\p{Extended_Pictographic}\p{Emoji_Component}_\-/\u200d]+$/u.test(t)) return undefined
  return t
}

function truthy(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase()
    if (['true', 'yes', 'on'].includes(s)) return true
    if (['false', 'no', 'off'].includes(s)) return false
  }
  return undefined
}

/** Looks like a Templater/Handlebars placeholder that was never filled in. */
const isPlaceholder = (s: string) => /^(\{\{.*\}\}|<%.*%>)$/s.test(s.trim())

export function normalizeFrontmatter(data: Record<string, unknown>, warn: Warn): NoteMeta {
  const meta: NoteMeta = { tags: [], aliases: [], published: true, cssclasses: [] }

  if ('title' in data) {
    const t = scalarText(data.title)
    if (t !== undefined) meta.title = t
    // An empty title means "no title": the file name is used, as without the key.
    else if (data.title !== null && data.title !== '') warn(`title must be text, got ${JSON.stringify(data.title)}`, 'invalid-frontmatter', 'title')
  }

  for (const key of ['tags', 'tag']) {
    if (!(key in data)) continue
    if (key === 'tag') warn('`tag` is deprecated since Obsidian 1.4; use `tags`', 'deprecated-key', key)
    const v = data[key]
    if (v !== null && typeof v !== 'string' && !Array.isArray(v)) {
      warn(`${key} must be a list or text, got ${JSON.stringify(v)}`, 'invalid-frontmatter', key)
      continue
    }
    for (const raw of listOf(v)) {
      // "a b" in a tags list: Obsidian rejects tags with spaces; keep the words as separate tags.
      for (const part of raw.split(/\s+/)) {
        const t = cleanTag(part)
        if (t && !meta.tags.includes(t)) meta.tags.push(t)
        else if (!t && part.replace(/^#+/, '')) warn(`${key}: "${part}" is not a valid tag (letters, digits, _, - and / only)`, 'invalid-frontmatter', key)
      }
    }
  }

  for (const key of ['aliases', 'alias']) {
    if (!(key in data)) continue
    if (key === 'alias') warn('`alias` is deprecated since Obsidian 1.4; use `aliases`', 'deprecated-key', key)
    const v = data[key]
    const list = Array.isArray(v) ? v.map(scalarText).filter((x): x is string => !!x) : scalarText(v) ? [scalarText(v) as string] : []
    for (const a of list) if (!meta.aliases.includes(a)) meta.aliases.push(a)
  }

  if ('draft' in data && data.draft !== null) {
    const d = truthy(data.draft)
    if (d === undefined) warn(`draft must be true or false, got ${JSON.stringify(data.draft)}`, 'invalid-frontmatter', 'draft')
    // An unreadable draft flag errs on the side of not publishing.
    if (d !== false) meta.published = false
  }
  if ('publish' in data && data.publish !== null) {
    const p = truthy(data.publish)
    if (p === undefined) warn(`publish must be true or false, got ${JSON.stringify(data.publish)}`, 'invalid-frontmatter', 'publish')
    if (p === false) meta.published = false
  }

  const dateOf = (keys: string[]): string | undefined => {
    for (const k of keys) {
      if (!(k in data)) continue
      const s = scalarText(data[k])
      if (s === undefined || isPlaceholder(s) || !/^\d{4}-\d{2}-\d{2}/.test(s)) {
        if (data[k] !== null) warn(`${k} is not a date (YYYY-MM-DD): ${JSON.stringify(data[k])}`, 'invalid-frontmatter', k)
        continue
      }
      return s
    }
    return undefined
  }
  meta.date = dateOf(DATE_KEYS)
  meta.updated = dateOf(UPDATED_KEYS)

  const text = (k: string) => {
    if (!(k in data) || data[k] === null) return undefined
    const s = scalarText(data[k])
    if (s === undefined) warn(`${k} must be text, got ${JSON.stringify(data[k])}`, 'invalid-frontmatter', k)
    return s
  }
  meta.description = text('description')
  meta.permalink = text('permalink')
  meta.image = text('image') ?? text('cover')
  for (const key of ['cssclasses', 'cssclass']) {
    if (!(key in data)) continue
    if (key === 'cssclass') warn('`cssclass` is deprecated since Obsidian 1.4; use `cssclasses`', 'deprecated-key', key)
    for (const c of listOf(data[key])) for (const part of c.split(/\s+/)) if (part && !meta.cssclasses.includes(part)) meta.cssclasses.push(part)
  }
  return meta
}
