/**
 * Build-time syntax highlighting with shiki's JavaScript engine (no WASM), one set of token
 * colours for light and dark at once (`--shiki-light` / `--shiki-dark` CSS variables; the
 * theme's CSS picks one), so a page needs no highlighting script.
 *
 * The grammars are shiki's precompiled ones (`@shikijs/langs-precompiled`: Oniguruma patterns
 * already turned into JS RegExps) run by the raw JavaScript engine, which skips the regex
 * translation: measured ~40% less cold-start time than `createJavaScriptRegexEngine` on the
 * corpora. Languages are a bounded list of common ones (aliases included) and load lazily: a
 * grammar is `require`d (Node ≥ 20.19 loads ESM synchronously) and registered the first time a
 * block in that language is seen, because registering all of them upfront costs over a second
 * per build. That keeps the render stage synchronous. An unknown language stays plain code.
 */
import { createRequire } from 'node:module'
import type { Element, ElementContent } from 'hast'
import type { HighlighterCore, LanguageRegistration, ThemeRegistration } from 'shiki/core'

const require = createRequire(import.meta.url)

/** Shiki grammar name → the extra names authors write after the fence. */
const LANGUAGES: Record<string, string[]> = {
  typescript: ['ts', 'mts', 'cts'],
  tsx: [],
  javascript: ['js', 'mjs', 'cjs', 'node'],
  jsx: [],
  json: [],
  jsonc: ['json5'],
  yaml: ['yml'],
  toml: [],
  ini: ['conf', 'cfg', 'properties', 'dotenv', 'env'],
  shellscript: ['bash', 'sh', 'shell', 'zsh', 'console'],
  powershell: ['ps1', 'ps', 'pwsh'],
  bat: ['batch', 'cmd'],
  fish: [],
  css: [],
  scss: [],
  less: [],
  html: ['htm'],
  xml: ['svg', 'plist'],
  markdown: ['md'],
  python: ['py'],
  rust: ['rs'],
  go: ['golang'],
  java: [],
  kotlin: ['kt', 'kts'],
  scala: [],
  swift: [],
  c: ['h'],
  cpp: ['c++', 'hpp', 'cc', 'cxx'],
  csharp: ['cs', 'c#'],
  php: [],
  ruby: ['rb'],
  lua: [],
  perl: ['pl'],
  r: [],
  julia: ['jl'],
  haskell: ['hs'],
  elixir: ['ex', 'exs'],
  erlang: ['erl'],
  clojure: ['clj'],
  dart: [],
  nim: [],
  zig: [],
  solidity: ['sol'],
  sql: [],
  graphql: ['gql'],
  proto: ['protobuf'],
  diff: ['patch'],
  docker: ['dockerfile'],
  make: ['makefile'],
  nginx: [],
  apache: ['htaccess'],
  hcl: ['tf', 'terraform'],
  nix: [],
  latex: ['tex'],
  vue: [],
  svelte: [],
  twig: [],
  regexp: ['regex'],
  csv: [],
}

const ALIAS = new Map<string, string>(Object.entries(LANGUAGES).flatMap(([name, aliases]) => [[name, name] as const, ...aliases.map((a) => [a, name] as const)]))

/** The shiki grammar for a fence language (`ts` → `typescript`), or undefined when unsupported. */
export function grammarName(lang: string): string | undefined {
  return ALIAS.get(lang.toLowerCase())
}

let highlighter: HighlighterCore | undefined
const failed = new Set<string>()

/**
 * Shiki itself is required on first use too (~50 ms to load): a build that renders no code
 * block, such as a one-note edit of a note without one, never loads it.
 */
function create(): HighlighterCore {
  const { createHighlighterCoreSync } = require('shiki/core') as typeof import('shiki/core')
  const { createJavaScriptRawEngine } = require('shiki/engine/javascript') as typeof import('shiki/engine/javascript')
  const theme = (file: string) => (require(`shiki/themes/${file}.mjs`) as { default: ThemeRegistration }).default
  return createHighlighterCoreSync({ themes: [theme('github-light'), theme('github-dark')], langs: [], engine: createJavaScriptRawEngine() })
}

function load(name: string): HighlighterCore | undefined {
  highlighter ??= create()
  if (failed.has(name)) return undefined
  if (!highlighter.getLoadedLanguages().includes(name)) {
    try {
      const mod = require(`@shikijs/langs-precompiled/${name}`) as { default: LanguageRegistration[] }
      highlighter.loadLanguageSync(mod.default)
    } catch {
      failed.add(name) // A grammar the engine cannot load: its blocks stay plain.
      return undefined
    }
  }
  return highlighter
}

/**
 * Highlighted blocks by `grammar \0 code`. Safe as a module-level cache because the result is
 * a pure function of its key: the themes and grammars are fixed at build time and nothing from
 * the note, the vault or the config goes in. So a hit can never be stale, across notes, builds
 * or preview rebuilds. Bounded (least recently used is dropped first); entries are cloned on
 * the way out because callers own (and may change) the trees they get.
 */
const cache = new Map<string, ElementContent[]>()
const CACHE_LIMIT = 2000

/** The token spans (`span.line` rows) of `code` in `lang`, or undefined for plain code. */
export function highlightLines(code: string, lang: string): ElementContent[] | undefined {
  const name = grammarName(lang)
  if (!name) return undefined
  const key = name + '\0' + code
  const hit = cache.get(key)
  if (hit) {
    cache.delete(key)
    cache.set(key, hit)
    return structuredClone(hit)
  }
  const hl = load(name)
  if (!hl) return undefined
  let lines: ElementContent[]
  try {
    const root = hl.codeToHast(code, { lang: name, themes: { light: 'github-light', dark: 'github-dark' }, defaultColor: false })
    const pre = root.children[0] as Element | undefined
    const inner = pre?.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code')
    if (!inner) return undefined
    lines = inner.children
  } catch {
    return undefined
  }
  cache.set(key, lines)
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string)
  return structuredClone(lines)
}

/** For tests and benchmarks: how many blocks are cached. */
export function highlightCacheSize(): number {
  return cache.size
}
