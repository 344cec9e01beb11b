/**
 * Test helpers: write an inline vault to a temp dir, build it into a MemorySink, and query the
 * result. `await buildVault({ 'a.md': '![[b]]', 'b.md': '![[a]]' })`.
 */
import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fromHtml } from 'hast-util-from-html'
import { selectAll, select } from 'hast-util-select'
import type { Root, Element } from 'hast'
import { build, type BuildResult } from '../../src/build.js'
import { validateConfig, DEFAULT_CONFIG, type SiteConfig } from '../../src/config.js'
import { MemorySink } from '../../src/output/sink.js'
import type { Diagnostic } from '../../src/report/messages.js'

export type VaultFiles = Record<string, string | Uint8Array>

export async function writeVault(files: VaultFiles, dir?: string): Promise<string> {
  const root = dir ?? (await mkdtemp(path.join(tmpdir(), 'grove-test-')))
  for (const [rel, content] of Object.entries(files)) {
    const full = path.join(root, rel)
    await mkdir(path.dirname(full), { recursive: true })
    await writeFile(full, content)
  }
  return root
}

export interface BuiltVault {
  dir: string
  result: BuildResult
  sink: MemorySink
  diagnostics: Diagnostic[]
  /** HTML of an output file, or undefined. */
  html(file: string): string | undefined
  /** Parsed output page. */
  page(file: string): Root
  /** The <main> content of a note page (`.page-content`). */
  content(file: string): Element
  cleanup(): Promise<void>
}

export async function buildVault(files: VaultFiles, config: Partial<SiteConfig> = {}): Promise<BuiltVault> {
  const dir = await writeVault(files)
  const sink = new MemorySink()
  const result = await build({ vaultDir: dir, config: validateConfig(config, DEFAULT_CONFIG, 'test'), sink })
  const page = (file: string) => {
    const html = sink.text(file)
    if (html === undefined) throw new Error(`no output ${file}; have: ${[...sink.files.keys()].filter((f) => f.endsWith('.html')).join(', ')}`)
    return fromHtml(html)
  }
  return {
    dir,
    result,
    sink,
    diagnostics: result.diagnostics,
    html: (f) => sink.text(f),
    page,
    content: (f) => {
      const el = select('.page-content', page(f))
      if (!el) throw new Error(`no .page-content in ${f}`)
      return el
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  }
}

export { select, selectAll }

/** Text of an element, whitespace collapsed. */
export function textOf(node: Element | Root | undefined | null): string {
  if (!node) return ''
  let out = ''
  const walk = (n: Element | Root | { type: string; value?: string; children?: unknown[] }) => {
    if (n.type === 'text') out += (n as { value: string }).value
    if ('children' in n && Array.isArray(n.children)) for (const c of n.children) walk(c as Element)
  }
  walk(node)
  return out.replace(/\s+/g, ' ').trim()
}

/** Every internal href in the site that points at a file the site does not have. */
export function deadHrefs(sink: MemorySink): string[] {
  const dead: string[] = []
  for (const [file, data] of sink.files) {
    if (!file.endsWith('.html')) continue
    const tree = fromHtml(typeof data === 'string' ? data : Buffer.from(data).toString('utf8'))
    for (const el of selectAll('a[href], img[src], link[href], script[src], iframe[src], audio[src], video[src]', tree)) {
      const url = String(el.properties.href ?? el.properties.src ?? '')
      if (!url || /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//') || url.startsWith('#')) continue
      const [p] = url.split('#')
      if (file === '404.html') continue
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), decodeURIComponent(p.split('?')[0])))
      const resolved = target.endsWith('/') || target === '.' ? path.posix.join(target, 'index.html') : target
      if (!sink.files.has(resolved)) dead.push(`${file}: ${url}`)
    }
  }
  return dead
}
