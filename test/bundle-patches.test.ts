/**
 * The bundle patches a few dependencies' hot loops (scripts/hot-patches.mjs). A patch must be in
 * the bundle, must fail loudly once its dependency's text changes, and must not change what the
 * patched code computes: the patched mdast-util-from-markdown is loaded from a copy and gives the
 * same trees as the original over every note of our vault and the corpora, with every syntax
 * extension of the full preset.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import fg from 'fast-glob'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { createPresetProcessor } from '../src/markdown/remark-obsidian.js'
// @ts-expect-error: a plain .mjs build script, without types
import { PATCHES, MARK, applyPatch } from '../scripts/hot-patches.mjs'

interface Patch {
  name: string
  file: RegExp
  edits: Array<[string, string]>
}
const patches = PATCHES as Patch[]
const root = path.resolve(import.meta.dirname, '..')
// Under node_modules, so the copy's own imports resolve to the project's packages.
const copyDir = path.join(root, 'node_modules/.cache/grove-hot-patch-test')
const fromMarkdownFile = path.join(root, 'node_modules/mdast-util-from-markdown/lib/index.js')
type FromMarkdown = typeof fromMarkdown
let patched: FromMarkdown

beforeAll(async () => {
  const patch = patches.find((p) => p.file.test(fromMarkdownFile))
  if (!patch) throw new Error('no patch for mdast-util-from-markdown')
  await mkdir(copyDir, { recursive: true })
  const copy = path.join(copyDir, `from-markdown-${process.pid}.mjs`)
  await writeFile(copy, applyPatch(patch, await readFile(fromMarkdownFile, 'utf8')))
  patched = ((await import(pathToFileURL(copy).href)) as { fromMarkdown: FromMarkdown }).fromMarkdown
})
afterAll(async () => {
  await rm(copyDir, { recursive: true, force: true })
})

describe('hot patches of the bundle', () => {
  it('are in the bundled code', () => {
    const chunks = readdirSync(path.join(root, 'dist/bundle')).filter((f) => f.endsWith('.js'))
    const text = chunks.map((f) => readFileSync(path.join(root, 'dist/bundle', f), 'utf8')).join('\n')
    expect(text).toContain(MARK)
    // The per-event copy of the compile context is gone.
    expect(text).not.toMatch(/\.call\(\{\s*\.\.\.context,\s*sliceSerialize: events\[index\d*\]\[2\]\.sliceSerialize/)
  })

  it('refuse a source they no longer match', () => {
    for (const patch of patches) {
      expect(() => applyPatch(patch, 'export const changed = true\n')).toThrow(/no longer matches/)
      // An edit that matches twice is as suspect as one that does not match.
      const twice = patch.edits[0][0] + patch.edits[0][0]
      expect(() => applyPatch({ ...patch, edits: [patch.edits[0]] }, twice)).toThrow(/no longer matches/)
    }
  })

  it('give mdast-util-from-markdown the same trees over every vault we have', async () => {
    expect(existsSync(fromMarkdownFile)).toBe(true)
    const data = createPresetProcessor({ strictLineBreaks: false }).data() as {
      micromarkExtensions: NonNullable<Parameters<FromMarkdown>[1]>['extensions']
      fromMarkdownExtensions: NonNullable<Parameters<FromMarkdown>[1]>['mdastExtensions']
    }
    const options = { extensions: data.micromarkExtensions, mdastExtensions: (data.fromMarkdownExtensions ?? []).flat() }
    expect(options.extensions?.length).toBeGreaterThan(5)
    const files = [
      ...(await fg('content/**/*.md', { cwd: root, absolute: true })),
      ...(await fg('../shared/corpora/**/*.md', { cwd: root, absolute: true })),
      ...(await fg('test/fixtures/**/*.md', { cwd: root, absolute: true })),
    ]
    expect(files.length).toBeGreaterThan(300)
    for (const file of files) {
      const text = await readFile(file, 'utf8')
      expect(patched(text, options), file).toStrictEqual(fromMarkdown(text, options))
    }
  }, 120_000)
})
