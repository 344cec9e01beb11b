/**
 * Property: whatever mix of Obsidian syntax a vault holds — wikilinks, embeds, callouts, tags,
 * code fences, comments, math, raw HTML, nesting — the pipeline never throws, every page is
 * well-formed HTML, and no page has a dead internal href.
 */
import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { rm } from 'node:fs/promises'
import { fromHtml } from 'hast-util-from-html'
import { buildVault, deadHrefs } from '../helpers/build-vault.js'

const names = ['alpha', 'Beta note', 'sub/gamma', 'missing', 'draft']
const target = fc.constantFrom(...names)
const fragment = fc.constantFrom('', '#Head', '#Head#Sub', '#^blk', '#nope', '#^nope')

const inline = fc.oneof(
  fc.tuple(target, fragment, fc.constantFrom('', '|alias', '|x|y')).map(([t, f, a]) => `[[${t}${f}${a}]]`),
  fc.tuple(target, fragment).map(([t, f]) => `![[${t}${f}]]`),
  fc.constantFrom('![[pic.png|100]]', '![[pic.png|a|20x30]]', '![[none.png]]', '![x](pic.png)', '[m](alpha.md#Head)', '[e](https://example.org)'),
  fc.constantFrom('#tag', '#nested/tag', '#1984', 'a#b', '==mark==', '%%hidden [[alpha]]%%', '$x^2$', '$5 and $10', '^[inline note]', '[^1]', '~~del~~'),
  fc.constantFrom('`[[alpha]]`', '<b onclick="x()">b</b>', '<img src=pic.png onerror=x>', '<a href="javascript:x">j</a>', '<span>', '</div>', '&amp;', '\\[[alpha]]', ' ^blk'),
  fc.string({ maxLength: 12 }),
)

const line = fc.array(inline, { maxLength: 6 }).map((xs) => xs.join(' '))
const block = fc.oneof(
  line,
  fc.tuple(fc.constantFrom('> [!note] ', '> [!faq]- ', '>[!custom]+ ', '> > [!todo] ', '> '), line, line).map(([p, a, b]) => `${p}${a}\n> ${b}`),
  fc.tuple(fc.constantFrom('- ', '1. ', '- [ ] ', '- [?] ', '\t- ', '    - '), line).map(([p, a]) => p + a),
  fc.tuple(fc.constantFrom('```', '```js', '```mermaid', '~~~'), line).map(([f, a]) => `${f}\n${a}\n${f.replace(/\w+/, '')}`),
  fc.constantFrom('## Head', '### Sub', '# Heading #tag', '---', '| a | b |\n| - | - |\n| [[alpha\\|x]] | ![[pic.png\\|9]] |', '%%\nblock [[alpha]]\n%%', '$$\nx\n$$', '<div>\n**raw**\n</div>', '[^1]: note'),
)
const note = fc.array(block, { maxLength: 8 }).map((bs) => bs.join('\n\n'))
const frontmatter = fc.constantFrom('', '---\ntags: [a, b]\n---\n', '---\ntitle: "<x>"\naliases: x\n---\n', '---\nbad: [\n---\n', '---\n---\n')

describe('pipeline properties', () => {
  it('never throws, writes well-formed HTML and leaves no dead internal href', async () => {
    await fc.assert(
      fc.asyncProperty(fc.tuple(frontmatter, note), note, note, async ([fm, a], b, g) => {
        const v = await buildVault({
          'alpha.md': fm + a,
          'Beta note.md': '## Head\n\n### Sub\n\npara ^blk\n\n' + b,
          'sub/gamma.md': g,
          'draft.md': '---\ndraft: true\n---\nsecret',
          'pic.png': 'png',
        })
        try {
          for (const [file, data] of v.sink.files) {
            if (!file.endsWith('.html')) continue
            const errors: string[] = []
            fromHtml(String(data), { onerror: (e) => void errors.push(`${e.ruleId} ${e.message}`) })
            expect(errors, file).toEqual([])
            expect(String(data)).not.toContain('secret')
          }
          expect(deadHrefs(v.sink)).toEqual([])
        } finally {
          await v.cleanup()
        }
      }),
      { seed: Number(process.env.GROVE_FC_SEED) || 20261201, numRuns: Number(process.env.GROVE_FC_RUNS) || 60, endOnFailure: true },
    )
  }, 240_000)
})
