import { describe, expect, it } from 'vitest'
import { contentType, decodeRequestPath, resolveRequest } from '../../src/serve/resolve-request.js'
import { injectLiveReload, stripLiveReload, liveReloadTag } from '../../src/serve/client.js'

const site = new Set(['index.html', 'a/b.html', 'a/index.html', 'folder/index.html', 'Café/Ünï.html', 'img/x y.png', '404.html'])
const has = (f: string) => site.has(f)

describe('resolveRequest', () => {
  it('maps / and /folder/ to index.html', () => {
    expect(resolveRequest('/', has)).toEqual({ kind: 'file', file: 'index.html' })
    expect(resolveRequest('/folder/', has)).toEqual({ kind: 'file', file: 'folder/index.html' })
  })

  it('maps /a/b and /a/b.html to a/b.html, ignoring the query', () => {
    expect(resolveRequest('/a/b', has)).toEqual({ kind: 'file', file: 'a/b.html' })
    expect(resolveRequest('/a/b.html?grove=1', has)).toEqual({ kind: 'file', file: 'a/b.html' })
  })

  it('redirects a folder without its slash', () => {
    expect(resolveRequest('/folder?q=1', has)).toEqual({ kind: 'redirect', location: '/folder/?q=1' })
  })

  it('decodes percent-encoded names', () => {
    expect(resolveRequest('/Caf%C3%A9/%C3%9Cn%C3%AF', has)).toEqual({ kind: 'file', file: 'Café/Ünï.html' })
    expect(resolveRequest('/img/x%20y.png', has)).toEqual({ kind: 'file', file: 'img/x y.png' })
  })

  it('lists the files an unknown path could become', () => {
    expect(resolveRequest('/new/page', has)).toEqual({ kind: 'not-found', candidates: ['new/page', 'new/page.html', 'new/page/index.html'] })
  })

  it.each(['/../package.json', '/%2e%2e/x', '/..%2f..%2fetc/passwd', '/a/%2E%2E/%2E%2E/x', '/.%2e/x', '/a/./b', '/a%5c..%5cb', '/x%00.html', '/%zz', 'relative', '/a//b'])(
    'rejects %s',
    (target) => {
      expect(resolveRequest(target, () => true).kind).toBe('bad-request')
    },
  )

  it('keeps dots inside names', () => {
    expect(decodeRequestPath('/a/..b/c..d/...')).toEqual({ path: 'a/..b/c..d/...' })
  })
})

describe('contentType', () => {
  it.each([
    ['a.html', 'text/html; charset=utf-8'],
    ['_grove/grove.css', 'text/css; charset=utf-8'],
    ['_grove/grove.js', 'text/javascript; charset=utf-8'],
    ['feed.xml', 'application/xml; charset=utf-8'],
    ['x/IMG.PNG', 'image/png'],
    ['f.woff2', 'font/woff2'],
    ['blob', 'application/octet-stream'],
  ])('%s is %s', (file, type) => expect(contentType(file)).toBe(type))
})

describe('the live-reload client', () => {
  const opts = { files: ['a/b.html'], gen: 3, id: 'x' }

  it('is injected once before </body> and stripped back to the exact page', () => {
    const page = '<!doctype html><html><body><p>hi</p></body></html>'
    const served = injectLiveReload(page, opts)
    expect(served.indexOf('<script data-grove-live>')).toBeLessThan(served.indexOf('</body>'))
    expect(stripLiveReload(served)).toBe(page)
  })

  it('is valid JavaScript, and no file name can close its script tag', () => {
    const tag = liveReloadTag({ ...opts, files: ['</script><script>alert(1)</script>.html'] })
    const code = tag.slice(tag.indexOf('>') + 1, -'</script>'.length)
    expect(code).not.toContain('</script')
    expect(() => new Function(code)).not.toThrow()
  })
})
