/**
 * The notes buckets' packed links (src/cache/note-codec.ts): a note read back from a bucket is
 * the note that was saved, down to its keys' order and its undefined fields, whatever its links
 * look like; only its stored form is smaller.
 */
import { describe, it, expect } from 'vitest'
import v8 from 'node:v8'
import { parseNote } from '../../src/stages/parse.js'
import { createParseProcessor } from '../../src/markdown/remark-obsidian.js'
import { DiagnosticBag } from '../../src/report/messages.js'
import { encodeNote, decodeNote } from '../../src/cache/note-codec.js'
import type { CachedNote } from '../../src/cache/build-cache.js'
import type { SourcePath } from '../../src/vault/paths.js'

const processor = createParseProcessor({ strictLineBreaks: false })

function cachedNote(text: string): CachedNote {
  const { tree: _tree, ...summary } = parseNote(processor, 'notes/n.md' as SourcePath, text, new DiagnosticBag('notes/n.md'))
  return { size: text.length, mtimeMs: 1.5, hash: 'h', summary, diagnostics: [] }
}

/** The note as text, keys in order and undefined fields included (JSON alone drops those). */
const exact = (x: unknown) => JSON.stringify(x, (_k, v: unknown) => (v === undefined ? '(undefined)' : v))

/** Through a bucket and back, as a save and the next load do. */
const roundTrip = (n: CachedNote) => decodeNote(v8.deserialize(v8.serialize(encodeNote(n))))

const TEXT = [
  '# Title',
  'Plain [[a]], with heading [[b#Part two]], block [[c#^blk]], alias [[d|Dee]], all [[e#H|Eee]].',
  'Embeds ![[f]] and ![[img.png|200]] and ![[g#Sec]].',
  'Spaced [[  h  ]] and [[ i | spaced alias ]], same-note [[#Local]], NFD [[Cafe\u0301]].',
  '| col | link |',
  '| --- | --- |',
  '| x | [[j\\|Jay]] |',
  'Markdown [k](k.md), [l](sub/l.md#Frag), [m](<with space.md>), [n](caf%C3%A9.md), ![pic](p.png).',
  'Alias equal to target [[o|o]] and a bracket [[p]]] and [[q#]].',
].join('\n\n')

describe('packed links in the notes buckets', () => {
  it('give back the same note, byte for byte as v8 writes it', () => {
    const note = cachedNote(TEXT)
    expect(note.summary?.links.length).toBeGreaterThan(15)
    const back = roundTrip(note)
    expect(exact(back)).toBe(exact(note))
    expect(JSON.stringify(back)).toBe(JSON.stringify(note))
    expect(exact(note)).toContain('"fragment":"(undefined)"')
  })

  it('store links as one flat array, smaller than the objects, and leave the note itself alone', () => {
    const note = cachedNote(TEXT)
    const before = JSON.stringify(note)
    const stored = encodeNote(note) as { summary: { links: unknown } }
    expect(Array.isArray(stored.summary.links)).toBe(false)
    expect(v8.serialize(stored).length).toBeLessThan(v8.serialize(note).length * 0.8)
    expect(JSON.stringify(note)).toBe(before)
  })

  it('store a note with a link of another shape as it is', () => {
    const note = cachedNote('[[a]] and [[b]]')
    const odd = { ...note, summary: { ...note.summary!, links: [{ ...note.summary!.links[0], extra: 1 } as never, note.summary!.links[1]] } }
    expect(encodeNote(odd)).toBe(odd)
    expect(exact(roundTrip(odd))).toBe(exact(odd))
  })

  it('handle notes without links or without a summary', () => {
    for (const n of [cachedNote('no links here'), { size: 0, mtimeMs: 0, hash: 'unreadable', summary: null, diagnostics: [] } satisfies CachedNote])
      expect(exact(roundTrip(n))).toBe(exact(n))
  })
})
