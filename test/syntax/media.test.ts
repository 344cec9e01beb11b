/** Acceptance: attachment embeds (OFM E5–E8) as HTML structure. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import type { Element } from 'hast'
import { buildVault, select, selectAll, textOf, type BuiltVault } from '../helpers/build-vault.js'

const bytes = new Uint8Array([1, 2, 3])
let v: BuiltVault
beforeAll(async () => {
  v = await buildVault({
    'notes/page.md': [
      '![[img.png]]',
      '![[img.png|100]]',
      '![[img.png|100x200]]',
      '![[img.png|A red dot|100]]',
      '![[img.png|Just alt]]',
      '| cell |\n| --- |\n| ![[img.png\\|50]] |',
      '![spaced](my%20pic.png)',
      '![rooted](/media/img.png)',
      '![sized|120](my%20pic.png)',
      '![[song.mp3]]',
      '![[clip.mp4]]',
      '![[doc.pdf#page=3]]',
      '![[nothere.png]]',
    ].join('\n\n'),
    'media/img.png': bytes,
    'notes/my pic.png': bytes,
    'media/song.mp3': bytes,
    'media/clip.mp4': bytes,
    'media/doc.pdf': bytes,
  })
})
afterAll(() => v.cleanup())

const imgs = () => selectAll('img', v.content('notes/page.html'))
const attr = (el: Element | undefined, key: string) => el?.properties[key]

describe('attachment embeds', () => {
  it('renders ![[img.png]] as a lazy image inside span.internal-embed.image-embed', () => {
    const img = imgs()[0]
    expect(attr(img, 'src')).toBe('../media/img.png')
    expect(attr(img, 'loading')).toBe('lazy')
    expect(attr(img, 'width')).toBeUndefined()
    const wrapper = select('span.internal-embed.image-embed', v.content('notes/page.html'))
    expect(attr(wrapper!, 'src')).toBe('img.png')
  })

  it('sets only the width for |W, so the height follows the image', () => {
    expect(attr(imgs()[1], 'width')).toBe(100)
    expect(attr(imgs()[1], 'height')).toBeUndefined()
  })

  it('sets width and height for |WxH', () => {
    expect([attr(imgs()[2], 'width'), attr(imgs()[2], 'height')]).toEqual([100, 200])
  })

  it('reads |alt|W as alt text and width, and other text as alt', () => {
    expect([attr(imgs()[3], 'alt'), attr(imgs()[3], 'width')]).toEqual(['A red dot', 100])
    expect(attr(imgs()[4], 'alt')).toBe('Just alt')
  })

  it('sizes an image written with an escaped pipe inside a table', () => {
    const img = select('td img', v.content('notes/page.html'))
    expect([attr(img!, 'src'), attr(img!, 'width')]).toEqual(['../media/img.png', 50])
  })

  it('resolves ![alt](path%20with%20spaces.png) relative to the note and /path from the vault root', () => {
    expect(attr(imgs()[6], 'src')).toBe('my-pic.png') // attachments get URL-safe names
    expect(attr(imgs()[6], 'alt')).toBe('spaced')
    expect(attr(imgs()[7], 'src')).toBe('../media/img.png')
    expect([attr(imgs()[8], 'alt'), attr(imgs()[8], 'width')]).toEqual(['sized', 120])
  })

  it('renders audio and video with controls', () => {
    const content = v.content('notes/page.html')
    expect(attr(select('audio', content)!, 'controls')).toBe(true)
    expect(attr(select('audio', content)!, 'src')).toBe('../media/song.mp3')
    expect(attr(select('video', content)!, 'controls')).toBe(true)
  })

  it('renders a PDF in an iframe and keeps #page=N', () => {
    expect(attr(select('.pdf-embed iframe', v.content('notes/page.html'))!, 'src')).toBe('../media/doc.pdf#page=3')
  })

  it('shows a placeholder naming a missing attachment and warns with its position', () => {
    const missing = select('span.internal-embed.is-unresolved', v.content('notes/page.html'))
    expect(textOf(missing)).toContain('nothere.png')
    const warning = v.diagnostics.find((d) => d.ruleId === 'missing-attachment')
    expect(warning).toMatchObject({ file: 'notes/page.md', line: 27, column: 1 })
  })

  it('copies the embedded attachments into the site', () => {
    for (const f of ['media/img.png', 'notes/my-pic.png', 'media/song.mp3', 'media/doc.pdf']) expect(v.sink.files.has(f), f).toBe(true)
  })
})
