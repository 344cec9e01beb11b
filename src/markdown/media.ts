/**
 * Hast for attachment embeds (E5–E8): images with Obsidian's `|W`, `|WxH` and `|alt|W` sizes,
 * audio and video players, PDF viewers, and a visible placeholder for a missing file.
 */
import { h } from 'hastscript'
import type { Element } from 'hast'

const IMAGE = new Set(['avif', 'bmp', 'gif', 'jpeg', 'jpg', 'png', 'svg', 'webp'])
const AUDIO = new Set(['flac', 'm4a', 'mp3', 'ogg', 'wav', '3gp'])
const VIDEO = new Set(['mkv', 'mov', 'mp4', 'ogv', 'webm'])

export type MediaKind = 'image' | 'audio' | 'video' | 'pdf' | 'file'

export function mediaKind(ext: string): MediaKind {
  if (IMAGE.has(ext)) return 'image'
  if (VIDEO.has(ext)) return 'video'
  if (AUDIO.has(ext)) return 'audio'
  if (ext === 'pdf') return 'pdf'
  return 'file'
}

export interface ImageSize {
  alt?: string
  width?: number
  height?: number
}

/** `100` → width; `100x200` → both; `alt text|100` → alt and width; anything else is alt. */
export function parseSizeSpec(spec: string | undefined): ImageSize {
  if (!spec) return {}
  const parts = spec.split('|').map((s) => s.trim())
  const last = parts[parts.length - 1]
  const m = /^(\d+)(?:x(\d+))?$/.exec(last)
  if (!m) return { alt: spec.trim() || undefined }
  const alt = parts.slice(0, -1).join('|') || undefined
  return { alt, width: Number(m[1]), height: m[2] ? Number(m[2]) : undefined }
}

export function mediaEmbed(kind: MediaKind, href: string, raw: string, name: string, size: ImageSize, fragment?: string): Element {
  switch (kind) {
    case 'image':
      return h('span.internal-embed.image-embed', { src: raw }, [
        h('img', { src: href, alt: size.alt ?? name, width: size.width, height: size.height, loading: 'lazy', decoding: 'async' }),
      ])
    case 'audio':
      return h('span.internal-embed.media-embed.audio-embed', { src: raw }, [h('audio', { controls: true, preload: 'metadata', src: href }, [h('a', { href }, name)])])
    case 'video':
      return h('span.internal-embed.media-embed.video-embed', { src: raw }, [
        h('video', { controls: true, preload: 'metadata', src: href, width: size.width }, [h('a', { href }, name)]),
      ])
    case 'pdf': {
      const page = fragment && /^page=\d+$/.test(fragment) ? '#' + fragment : ''
      const height = fragment && /^height=(\d+)$/.exec(fragment)?.[1]
      return h('span.internal-embed.pdf-embed', { src: raw }, [
        h('iframe', { src: href + page, title: name, loading: 'lazy', style: height ? `height:${height}px` : undefined }),
      ])
    }
    default:
      return h('a.internal-link.internal-embed.file-embed', { href }, name)
  }
}

export function missingEmbed(raw: string, target: string): Element {
  return h('span.internal-embed.is-unresolved', { src: raw, role: 'note' }, [`Missing embed: ${target}`])
}
