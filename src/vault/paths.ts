/**
 * Branded path types and the only conversions between them. A SourcePath is a vault-relative
 * POSIX path as found on disk ('Waku/Updates/2023-09-04.md'); a Slug is a site path without
 * extension ('waku/updates/2023-09-04'); an OutputPath is a file in the site ('waku/x.html').
 */
import { slugifySegment } from './slugify.js'

export type SourcePath = string & { readonly __brand: 'SourcePath' }
export type Slug = string & { readonly __brand: 'Slug' }
export type OutputPath = string & { readonly __brand: 'OutputPath' }

/** Kept byte-for-byte as on disk (so it can be read back); comparisons normalise to NFC. */
export const asSourcePath = (p: string): SourcePath => p as SourcePath
export const asSlug = (s: string): Slug => s as Slug
export const asOutputPath = (s: string): OutputPath => s as OutputPath

/** 'a/b/Note.md' → 'a/b' ('' at the vault root). */
export function folderOf(path: string): string {
  const i = path.lastIndexOf('/')
  return i < 0 ? '' : path.slice(0, i)
}

/** 'a/b/Note.md' → 'Note.md' */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1)
}

/** 'a/Note.md' → 'a/Note'; other extensions are kept. */
export function stripMd(path: string): string {
  return /\.md$/i.test(path) ? path.slice(0, -3) : path
}

export function extensionOf(path: string): string {
  const name = baseName(path)
  const i = name.lastIndexOf('.')
  return i <= 0 ? '' : name.slice(i + 1).toLowerCase()
}

/** The slug a source file would get before collision handling: each segment slugified. */
export function slugForSource(source: SourcePath): Slug {
  const noExt = stripMd(source)
  return asSlug(noExt.split('/').map((s) => slugifySegment(s)).join('/'))
}

/** The slug an attachment gets: segments slugified, extension kept lowercase. */
export function slugForAttachment(source: SourcePath): Slug {
  const ext = extensionOf(source)
  const folder = folderOf(source)
  const name = baseName(source)
  const stem = ext ? name.slice(0, -(ext.length + 1)) : name
  const segs = folder ? folder.split('/').map((s) => slugifySegment(s)) : []
  segs.push(slugifySegment(stem) + (ext ? '.' + ext : ''))
  return asSlug(segs.join('/'))
}

/** A folder's page slug: 'a/b' → 'a/b/index'; the vault root → 'index'. */
export function folderSlug(folder: string): Slug {
  if (!folder) return asSlug('index')
  return asSlug(folder.split('/').map((s) => slugifySegment(s)).join('/') + '/index')
}

/** A tag's page slug: 'Roadmap/Q1' → 'tags/roadmap/q1'; a tag named `index` yields to the all-tags page. */
export function tagSlug(tag: string): Slug {
  const segs = tag.split('/').map((s) => slugifySegment(s))
  if (segs[0] === 'index') segs[0] = 'index-tag'
  return asSlug('tags/' + segs.join('/'))
}

/** Site paths Grove generates itself; a note that would land there is renamed like a collision. */
export function isReservedSlug(slug: string): boolean {
  return slug === '404' || slug === '_grove' || slug.startsWith('_grove/')
}

export const TAG_INDEX_SLUG = asSlug('tags/index')

/** Every page is written as `<slug>.html`; attachments keep their own extension. */
export function pageOutputPath(slug: Slug): OutputPath {
  return asOutputPath(slug + '.html')
}

/**
 * A relative URL from one output file to another, so the site works under any base path and
 * opened from disk: relativeHref('a/b.html', 'c/d.html') → '../c/d.html'.
 */
// Every page links to many others: split and encode each path once (sites have a bounded set).
const folderParts = new Map<string, string[]>()
const encodedParts = new Map<string, { raw: string[]; enc: string[] }>()

export function relativeHref(from: OutputPath, to: OutputPath | string, fragment?: string): string {
  let fromDir = folderParts.get(from)
  if (!fromDir) folderParts.set(from, (fromDir = folderOf(from).split('/').filter(Boolean)))
  let target = encodedParts.get(to)
  if (!target) {
    const raw = to.split('/')
    encodedParts.set(to, (target = { raw, enc: raw.map(encodeURIComponent) }))
  }
  const toParts = target.raw
  let i = 0
  while (i < fromDir.length && i < toParts.length - 1 && fromDir[i] === toParts[i]) i++
  const ups = fromDir.length - i
  const rest = i === 0 ? target.enc.join('/') : target.enc.slice(i).join('/')
  const rel = '../'.repeat(ups) + rest
  return (rel || './') + (fragment ? '#' + encodeURIComponent(fragment).replace(/%5E/g, '^') : '')
}

/**
 * Joins a link path onto a folder, resolving './' and '..'. Returns null when the path would
 * climb above the vault root (a link such as '../../etc/passwd').
 */
export function joinVaultPath(folder: string, rel: string): string | null {
  const parts = folder ? folder.split('/') : []
  for (const seg of rel.split('/')) {
    if (seg === '' || seg === '.') continue
    if (seg === '..') {
      if (parts.length === 0) return null
      parts.pop()
    } else parts.push(seg)
  }
  return parts.join('/')
}
