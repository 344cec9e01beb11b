// Grove's base client script: progressive enhancement only; every page works without it.
// Loaded with `defer` on every page. Search (search.js + Pagefind) and the graph (graph.js +
// graph.json) are loaded only when used; the explorer tree JSON is fetched after first paint.
;(() => {
  'use strict'
  const d = document
  const root = d.documentElement
  const script = d.currentScript
  if (!script || !d.body) return
  const assets = new URL('./', script.src)
  const site = new URL('../', assets)
  const page = d.body.dataset.page || ''
  const http = /^https?:$/.test(location.protocol)
  const loading = {}
  /** Loads another theme script once (classic scripts also work from file://). */
  const load = (name) =>
    (loading[name] ??= new Promise((resolve, reject) => {
      const s = d.createElement('script')
      s.src = new URL(name, assets).href
      s.onload = resolve
      s.onerror = () => reject(new Error('cannot load ' + name))
      d.head.append(s)
    }))
  const Grove = (window.Grove = { assets, site, page, http, load })

  // Theme: follows the system until the reader chooses; the choice is stored and applied by the
  // inline script in <head> before the first paint.
  const mq = matchMedia('(prefers-color-scheme: dark)')
  const theme = () => root.dataset.theme || (mq.matches ? 'dark' : 'light')
  const toggle = d.querySelector('.theme-toggle')
  const syncTheme = () => {
    if (toggle) toggle.setAttribute('aria-pressed', String(theme() === 'dark'))
    d.dispatchEvent(new Event('grove:theme'))
  }
  if (toggle) {
    toggle.hidden = false
    toggle.addEventListener('click', () => {
      const next = theme() === 'dark' ? 'light' : 'dark'
      root.dataset.theme = next
      try { localStorage.setItem('grove-theme', next) } catch { /* private mode */ }
      syncTheme()
    })
  }
  mq.addEventListener('change', syncTheme)
  syncTheme()

  // Search: `/` or Ctrl/⌘-K, or the header button.
  const searchButton = d.querySelector('.search-button')
  const openSearch = () => load('search.js').then(() => Grove.openSearch()).catch(() => {})
  if (searchButton) {
    searchButton.hidden = false
    searchButton.addEventListener('click', openSearch)
  }
  d.addEventListener('keydown', (e) => {
    if (e.defaultPrevented || e.altKey) return
    const t = e.target
    const typing = t instanceof Element && t.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]')
    if ((e.key === 'k' || e.key === 'K') && (e.ctrlKey || e.metaKey)) { e.preventDefault(); openSearch() }
    else if (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey) { e.preventDefault(); openSearch() }
  })

  // Explorer drawer (small screens).
  const explorer = d.getElementById('explorer')
  const drawerButton = d.querySelector('.drawer-toggle')
  const setDrawer = (open) => {
    d.body.classList.toggle('drawer-open', open)
    drawerButton.setAttribute('aria-expanded', String(open))
    drawerButton.setAttribute('aria-label', open ? 'Close the explorer' : 'Open the explorer')
    if (open) explorer.querySelector('[aria-current="page"], a')?.focus({ preventScroll: true })
  }
  if (explorer && drawerButton) {
    drawerButton.hidden = false
    drawerButton.addEventListener('click', () => setDrawer(!d.body.classList.contains('drawer-open')))
    d.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && d.body.classList.contains('drawer-open')) { setDrawer(false); drawerButton.focus() }
    })
    d.addEventListener('click', (e) => {
      if (d.body.classList.contains('drawer-open') && !explorer.contains(e.target) && !drawerButton.contains(e.target)) setDrawer(false)
    })
  }

  // Explorer tree: the page ships only its own branch; the whole tree comes from explorer.json.
  const el = (tag, props, kids) => {
    const e = d.createElement(tag)
    if (props) for (const k in props) if (props[k] != null) e.setAttribute(k, props[k])
    if (kids) e.append(...kids)
    return e
  }
  const contains = (node) => node.u === page || (node.c || []).some(contains)
  const renderTree = (nodes) =>
    el('ul', null, nodes.map((n) => {
      const link = (cls) => el('a', { href: new URL(n.u, site).href, class: cls, 'aria-current': n.u === page ? 'page' : null }, [n.t])
      if (!n.c) return el('li', null, [link()])
      return el('li', { class: 'explorer-folder' }, [
        el('details', contains(n) ? { open: '' } : null, [el('summary', null, [n.t]), el('ul', null, [el('li', null, [link('explorer-folder-page')]), ...renderTree(n.c).children])]),
      ])
    }))
  if (explorer && explorer.dataset.tree && http) {
    fetch(new URL(explorer.dataset.tree, location.href))
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(r.statusText))))
      .then((tree) => {
        const ul = renderTree(tree.c || [])
        ul.className = 'explorer-tree'
        explorer.querySelector('.explorer-tree')?.replaceWith(ul)
        explorer.classList.add('is-loaded')
        const current = ul.querySelector('[aria-current="page"]')
        if (current && explorer.scrollHeight > explorer.clientHeight) explorer.scrollTop = current.offsetTop - explorer.clientHeight / 2
      })
      .catch(() => { /* keep the static branch */ })
  }

  // Table of contents: highlight the section being read.
  const tocLinks = [...d.querySelectorAll('.toc a[href^="#"]')]
  const headings = tocLinks.map((a) => d.getElementById(decodeURIComponent(a.hash.slice(1)))).filter(Boolean)
  if (headings.length && 'IntersectionObserver' in window) {
    let frame = 0
    const update = () => {
      frame = 0
      const line = innerHeight * 0.3
      let active = headings[0]
      for (const h of headings) if (h.getBoundingClientRect().top <= line) active = h
      if (innerHeight + scrollY >= d.documentElement.scrollHeight - 2) active = headings[headings.length - 1]
      for (const a of tocLinks) {
        const on = decodeURIComponent(a.hash.slice(1)) === active.id
        a.classList.toggle('is-active', on)
        if (on) a.setAttribute('aria-current', 'true')
        else a.removeAttribute('aria-current')
      }
    }
    const io = new IntersectionObserver(() => { frame ||= requestAnimationFrame(update) }, { rootMargin: '0px 0px -70% 0px' })
    headings.forEach((h) => io.observe(h))
    addEventListener('scroll', () => { frame ||= requestAnimationFrame(update) }, { passive: true })
    update()
  }

  // Prefetch on hover, and link previews (not on touch devices).
  const prefetched = new Set()
  const sameSite = (a) => a.href && a.origin === location.origin && a.href.startsWith(site.href) && !a.hasAttribute('download')
  const prefetch = (a) => {
    if (!http) return
    const url = a.href.split('#')[0]
    if (url === location.href.split('#')[0] || prefetched.has(url)) return
    prefetched.add(url)
    d.head.append(el('link', { rel: 'prefetch', href: url }))
  }
  const canHover = matchMedia('(hover: hover) and (pointer: fine)').matches
  const docs = new Map()
  const fetchDoc = (url) => {
    if (!docs.has(url))
      docs.set(url, fetch(url).then((r) => (r.ok ? r.text() : Promise.reject(new Error(r.statusText)))).then((t) => new DOMParser().parseFromString(t, 'text/html')))
    return docs.get(url)
  }
  let preview = null
  let showTimer = 0
  let hideTimer = 0
  let owner = null
  let pending = null
  const hidePreview = () => {
    clearTimeout(showTimer)
    if (preview) preview.remove()
    preview = null
    owner = null
  }
  const scheduleHide = () => { clearTimeout(hideTimer); hideTimer = setTimeout(hidePreview, 250) }
  const showPreview = async (a) => {
    const [url, frag] = a.href.split('#')
    let doc
    try { doc = await fetchDoc(url) } catch { return }
    if (owner !== a) return
    const content = doc.querySelector('article .page-content')
    if (!content) return
    const box = el('div', { class: 'preview', role: 'tooltip', id: 'grove-preview' })
    const inner = el('div', { class: 'preview-inner markdown-rendered' })
    const title = doc.querySelector('h1')
    if (title) inner.append(el('p', { class: 'preview-title' }, [title.textContent]))
    const body = d.importNode(content, true)
    body.querySelectorAll('script, iframe').forEach((n) => n.remove())
    for (const n of body.querySelectorAll('[src], [href], [poster]'))
      for (const attr of ['src', 'href', 'poster']) {
        const v = n.getAttribute(attr)
        if (v && !v.startsWith('#')) n.setAttribute(attr, new URL(v, url).href)
      }
    inner.append(body)
    box.append(inner)
    hidePreview()
    owner = a
    preview = box
    box.addEventListener('mouseenter', () => clearTimeout(hideTimer))
    box.addEventListener('mouseleave', scheduleHide)
    d.body.append(box)
    const r = a.getBoundingClientRect()
    const w = box.offsetWidth
    const h = box.offsetHeight
    const left = Math.max(8, Math.min(r.left, innerWidth - w - 8))
    const top = r.bottom + h + 12 < innerHeight ? r.bottom + 6 : Math.max(8, r.top - h - 6)
    box.style.left = left + 'px'
    box.style.top = top + 'px'
    if (frag) {
      const id = decodeURIComponent(frag)
      const target = [...body.querySelectorAll('[id]')].find((n) => n.id === id)
      if (target) {
        inner.scrollTop = target.offsetTop - inner.offsetTop - 8
        target.classList.add('is-preview-target')
      }
    }
    // Ids belong to the target page; keeping them here would duplicate this page's anchors.
    body.querySelectorAll('[id]').forEach((n) => n.removeAttribute('id'))
  }
  d.addEventListener('mouseover', (e) => {
    const a = e.target instanceof Element ? e.target.closest('a[href]') : null
    if (!a || !sameSite(a)) return
    prefetch(a)
    if (!canHover || !a.classList.contains('internal-link') || a.closest('.preview')) return
    if (a === owner) { clearTimeout(hideTimer); return }
    if (a === pending) return
    clearTimeout(showTimer)
    pending = a
    showTimer = setTimeout(() => { pending = null; owner = a; showPreview(a) }, 300)
  })
  d.addEventListener('mouseout', (e) => {
    const a = e.target instanceof Element ? e.target.closest('a.internal-link') : null
    if (!a || (e.relatedTarget instanceof Node && a.contains(e.relatedTarget))) return
    if (a === pending) { clearTimeout(showTimer); pending = null }
    if (a === owner) scheduleHide()
  })
  d.addEventListener('focusin', (e) => { if (e.target instanceof Element && e.target.matches('a[href]') && sameSite(e.target)) prefetch(e.target) })
  d.addEventListener('keydown', (e) => { if (e.key === 'Escape') hidePreview() })
  addEventListener('scroll', () => { if (preview && !preview.matches(':hover')) hidePreview() }, { passive: true })

  // Graphs: the local graph loads when it scrolls into view, the global one at once.
  const graphs = d.querySelectorAll('[data-graph]')
  const startGraph = (g) => load('graph.js').then(() => Grove.graph(g)).catch(() => {})
  if (graphs.length && http) {
    const io = 'IntersectionObserver' in window
      ? new IntersectionObserver((entries) => {
          for (const en of entries) if (en.isIntersecting) { io.unobserve(en.target); startGraph(en.target) }
        }, { rootMargin: '200px' })
      : null
    graphs.forEach((g) => (io && g.dataset.graph === 'local' ? io.observe(g) : startGraph(g)))
  }
})()
