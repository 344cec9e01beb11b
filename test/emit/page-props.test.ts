import { describe, it, expect, afterEach } from 'vitest'
import { buildVault, select, selectAll, textOf, type BuiltVault } from '../helpers/build-vault.js'

let v: BuiltVault | undefined
afterEach(async () => {
  await v?.cleanup()
  v = undefined
})

const meta = (v: BuiltVault, file: string, key: string) => {
  const page = v.page(file)
  const el = select(`meta[property="${key}"]`, page) ?? select(`meta[name="${key}"]`, page)
  return el ? String(el.properties.content) : undefined
}

describe('page metadata', () => {
  it('writes Open Graph and Twitter meta from title, description and a vault image, copying the image', async () => {
    v = await buildVault({
      'index.md': 'home',
      'posts/a.md': '---\ntitle: A post\ndescription: About things\nimage: media/cover.png\n---\nbody',
      'media/cover.png': 'PNG',
    }, { baseUrl: 'https://example.org/blog', title: 'Site' })
    expect(meta(v, 'posts/a.html', 'og:title')).toBe('A post')
    expect(meta(v, 'posts/a.html', 'og:description')).toBe('About things')
    expect(meta(v, 'posts/a.html', 'og:type')).toBe('article')
    expect(meta(v, 'posts/a.html', 'og:url')).toBe('https://example.org/blog/posts/a.html')
    expect(meta(v, 'posts/a.html', 'og:site_name')).toBe('Site')
    expect(meta(v, 'posts/a.html', 'og:image')).toBe('https://example.org/blog/media/cover.png')
    expect(meta(v, 'posts/a.html', 'twitter:card')).toBe('summary_large_image')
    expect(meta(v, 'posts/a.html', 'twitter:image')).toBe('https://example.org/blog/media/cover.png')
    expect(meta(v, 'index.html', 'og:type')).toBe('website')
    expect(meta(v, 'index.html', 'twitter:card')).toBe('summary')
    expect(v.sink.text('media/cover.png')).toBe('PNG')
    expect(select('link[rel="canonical"]', v.page('posts/a.html'))?.properties.href).toBe('https://example.org/blog/posts/a.html')
  })

  it('uses `cover` and external image URLs as they are, and copies an image that is also embedded once', async () => {
    v = await buildVault({
      'a.md': '---\ncover: https://cdn.example.com/x.jpg\n---\nx',
      'b.md': '---\nimage: pic.png\n---\n![[pic.png]]',
      'pic.png': 'P',
    })
    expect(meta(v, 'a.html', 'og:image')).toBe('https://cdn.example.com/x.jpg')
    expect(meta(v, 'b.html', 'og:image')).toBe('pic.png')
    expect(v.sink.text('pic.png')).toBe('P')
  })

  it('escapes metadata in attributes and text', async () => {
    v = await buildVault({ 'a.md': '---\ntitle: \'"><script>alert(1)</script>\'\ndescription: \'<img src=x onerror=alert(1)>\'\n---\nx' })
    const page = v.page('a.html')
    expect(selectAll('script', page).map((s) => s.properties.src ?? 'inline')).toEqual(['inline', '_grove/grove.js'])
    expect(selectAll('img', page)).toEqual([])
    expect(textOf(select('h1', page))).toBe('"><script>alert(1)</script>')
    expect(meta(v, 'a.html', 'og:title')).toBe('"><script>alert(1)</script>')
    expect(meta(v, 'a.html', 'og:description')).toBe('<img src=x onerror=alert(1)>')
  })

  it('does not copy images of drafts', async () => {
    v = await buildVault({ 'd.md': '---\ndraft: true\nimage: secret.png\n---\nx', 'secret.png': 'S', 'a.md': 'x' })
    expect(v.sink.files.has('secret.png')).toBe(false)
  })
})

describe('navigation chrome', () => {
  it('renders only the branch to the current page in the explorer, and the full tree as JSON', async () => {
    v = await buildVault({ 'index.md': 'home', 'a/b/c.md': 'c', 'a/b/d.md': 'd', 'a/x.md': 'x', 'z.md': 'z', 'a/secret.md': '---\ndraft: true\n---\ns' })
    const page = v.page('a/b/c.html')
    expect(selectAll('nav.explorer summary', page).map(textOf)).toEqual(['a', 'b'])
    expect(textOf(select('nav.explorer a[aria-current="page"]', page))).toBe('c')
    expect(selectAll('nav.explorer a', page).map(textOf)).not.toContain('d')
    const tree = JSON.parse(v.sink.text('_grove/explorer.json') as string)
    const names = (n: { t: string; c?: unknown[] }): unknown => (n.c ? { [n.t]: n.c.map((x) => names(x as never)) } : n.t)
    expect(names(tree)).toEqual({ index: [{ a: [{ b: ['c', 'd'] }, 'x'] }, 'z'] })
  })

  it('links the previous and next note of the folder, by title', async () => {
    v = await buildVault({ 'f/index.md': 'folder', 'f/b.md': 'b', 'f/a.md': 'a', 'f/c.md': 'c', 'g.md': 'g' })
    const nav = (file: string) => selectAll('nav.page-nav a', v!.page(file)).map((a) => `${a.properties.rel}:${textOf(select('.page-nav-title', a))}`)
    expect(nav('f/a.html')).toEqual(['next:b'])
    expect(nav('f/b.html')).toEqual(['prev:a', 'next:c'])
    expect(nav('f/c.html')).toEqual(['prev:b'])
    expect(select('nav.page-nav', v.page('f/index.html'))).toBeUndefined()
  })

  it('marks the article as the search body with title, aliases and breadcrumbs, and leaves chrome out', async () => {
    v = await buildVault({ 'f/a.md': '---\naliases: [Alias One, Two]\ntags: [t]\n---\nx' })
    const page = v.page('f/a.html')
    const article = select('article', page)
    expect(article?.properties.dataPagefindBody).toBe('')
    expect(article?.properties.dataCrumbs).toBe('Home › f')
    expect(select('h1', page)?.properties.dataPagefindMeta).toBe('title')
    expect(select('h1', page)?.properties.dataAliases).toBe('Alias One, Two')
    expect(selectAll('[data-pagefind-body]', page)).toHaveLength(1)
    expect(select('nav.explorer [data-pagefind-body], header [data-pagefind-body]', page)).toBeUndefined()
    expect(select('[data-pagefind-body]', v.page('tags/t.html'))).toBeUndefined()
  })

  it('uses a favicon.svg from the vault root instead of the theme one', async () => {
    v = await buildVault({ 'a.md': 'x', 'favicon.svg': '<svg/>' })
    expect(select('link[rel="icon"]', v.page('a.html'))?.properties.href).toBe('_grove/site-favicon.svg')
    expect(v.sink.text('_grove/site-favicon.svg')).toBe('<svg/>')
    await v.cleanup()
    v = await buildVault({ 'a.md': 'x' })
    expect(select('link[rel="icon"]', v.page('a.html'))?.properties.href).toBe('_grove/favicon.svg')
  })

  it('gives the 404 page a base of the site path so it works at any depth', async () => {
    v = await buildVault({ 'a.md': 'x' }, { baseUrl: 'https://example.org/docs' })
    expect(select('base', v.page('404.html'))?.properties.href).toBe('/docs/')
    expect(textOf(select('h1', v.page('404.html')))).toBe('Page not found')
  })
})
