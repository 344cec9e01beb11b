import { describe, expect, it } from 'vitest'
import fs from 'node:fs'
import path from 'node:path'
import fg from 'fast-glob'
import { unified } from 'unified'
import remarkBreaks from 'remark-breaks'
import type { Root } from 'mdast'
import { createPresetProcessor } from '../../src/markdown/remark-obsidian.js'
import { remarkSoftBreaks } from '../../src/markdown/remark-soft-breaks.js'

const strict = createPresetProcessor({ strictLineBreaks: true })
const reference = unified().use(remarkBreaks)
const ours = unified().use(remarkSoftBreaks)

/** The preset tree without breaks, then remark-breaks and ours applied to copies of it. */
function both(text: string): [Root, Root] {
  const tree = strict.runSync(strict.parse(text), text)
  return [ours.runSync(structuredClone(tree)) as Root, reference.runSync(structuredClone(tree)) as Root]
}

const root = path.resolve(import.meta.dirname, '../..')

describe('remarkSoftBreaks', () => {
  it('turns each line ending in text into a break, like remark-breaks', () => {
    const [tree] = both('a\nb\r\nc\rd\n\n> q\n> r\n\n- *e\nf* [g\nh](u)')
    expect(JSON.stringify(tree)).toContain('"type":"break"')
    for (const text of ['a\nb\r\nc\rd', 'a\n\n\nb', 'x  \ny\\\nz', '> [!note] t\n> b\n> c', '| a\nb |\n|-|\n| c |', 'a\n`b\nc`\nd', '**a\nb**\n==c\nd==', '']) {
      const [a, b] = both(text)
      expect(a, text).toStrictEqual(b)
    }
  })

  const folders = ['content', ...['obsidian-help-en', 'quartz-docs', 'logos-roadmap'].map((c) => `../shared/corpora/${c}`)]
  for (const folder of folders) {
    const dir = path.resolve(root, folder)
    it.skipIf(!fs.existsSync(dir))(`matches remark-breaks on every note in ${folder}`, () => {
      const differing = fg.sync('**/*.md', { cwd: dir }).filter((file) => {
        const [a, b] = both(fs.readFileSync(path.join(dir, file), 'utf8'))
        try {
          expect(a).toStrictEqual(b)
          return false
        } catch {
          return true
        }
      })
      expect(differing).toEqual([])
    })
  }
})
