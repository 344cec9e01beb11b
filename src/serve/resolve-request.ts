/**
 * Maps a request target to a file of the in-memory site, the way static hosts do: `/` →
 * `index.html`, `/a/b` → `a/b.html`, `/folder/` → `folder/index.html`. Pure: it only looks names
 * up in the site, so nothing outside the built site (vault files, `..`) can ever be served.
 */

export type Resolution =
  | { kind: 'file'; file: string }
  | { kind: 'redirect'; location: string }
  | { kind: 'not-found'; candidates: string[] }
  | { kind: 'bad-request'; reason: string }

const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  json: 'application/json; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  md: 'text/plain; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  bmp: 'image/bmp',
  ico: 'image/x-icon',
  woff: 'font/woff',
  woff2: 'font/woff2',
  ttf: 'font/ttf',
  otf: 'font/otf',
  pdf: 'application/pdf',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  ogg: 'audio/ogg',
  wav: 'audio/wav',
  flac: 'audio/flac',
  webm: 'video/webm',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  ogv: 'video/ogg',
  wasm: 'application/wasm',
  pf_meta: 'application/octet-stream',
}

/** The Content-Type of a site file by its extension; unknown ones are served as bytes. */
export function contentType(file: string): string {
  const base = file.slice(file.lastIndexOf('/') + 1)
  const dot = base.lastIndexOf('.')
  const ext = dot >= 0 ? base.slice(dot + 1).toLowerCase() : ''
  return CONTENT_TYPES[ext] ?? 'application/octet-stream'
}

/** Splits the raw request target into its path (still percent-encoded) and query. */
function rawPath(target: string): string {
  const cut = target.search(/[?#]/)
  return cut >= 0 ? target.slice(0, cut) : target
}

/**
 * Decodes and checks a request path. Rejects — before and after decoding, so `%2e%2e` and
 * `..%2f` are caught too — dot segments, backslashes, NUL and other control characters.
 */
export function decodeRequestPath(target: string): { path: string } | { error: string } {
  const raw = rawPath(target)
  if (!raw.startsWith('/')) return { error: 'the request path must start with /' }
  let decoded: string
  try {
    decoded = decodeURIComponent(raw)
  } catch {
    return { error: 'the request path is not valid percent-encoding' }
  }
  if (/[\u0000-\u001f\u007f\\]/.test(decoded)) return { error: 'the request path contains a control character or backslash' }
  for (const p of [raw, decoded]) {
    const segs = p.split('/')
    if (segs.some((s) => s === '..' || s === '.' || /^(%2e|\.){1,2}$/i.test(s))) return { error: 'the request path contains a dot segment' }
  }
  if (decoded.includes('//')) return { error: 'the request path contains an empty segment' }
  return { path: decoded.slice(1) }
}

/** Resolves a request target against the site's files. `has` answers whether a site file exists. */
export function resolveRequest(target: string, has: (file: string) => boolean): Resolution {
  const d = decodeRequestPath(target)
  if ('error' in d) return { kind: 'bad-request', reason: d.error }
  const p = d.path
  if (p === '' || p.endsWith('/')) {
    const file = `${p}index.html`
    return has(file) ? { kind: 'file', file } : { kind: 'not-found', candidates: [file] }
  }
  if (has(p)) return { kind: 'file', file: p }
  if (has(`${p}.html`)) return { kind: 'file', file: `${p}.html` }
  if (has(`${p}/index.html`)) {
    // Relative links inside folder/index.html only work when the URL ends with a slash.
    const query = target.slice(rawPath(target).length)
    return { kind: 'redirect', location: `${rawPath(target)}/${query}` }
  }
  return { kind: 'not-found', candidates: [p, `${p}.html`, `${p}/index.html`] }
}
