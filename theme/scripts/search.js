// Grove search: a small dialog over Pagefind's JS API. Loaded by grove.js when search is first
// opened; pagefind.js (and the index fragments a query needs) load only then.
;(() => {
  'use strict'
  const G = window.Grove
  const d = document
  const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}ー々'
  const cjkRun = new RegExp(`[${CJK}]+`, 'gu')
  const hasCjk = new RegExp(`[${CJK}]`, 'u')
  // The index splits CJK text into words with spaces (see src/emit/search-index.ts); hide them.
  const cjkGap = new RegExp(`([${CJK}])((?:</?mark>)?) ((?:</?mark>)?)(?=[${CJK}])`, 'gu')
  const unspace = (s) => s.replace(cjkGap, '$1$2$3').replace(cjkGap, '$1$2$3')
  let segmenter
  const segment = (q) => {
    if (!hasCjk.test(q) || typeof Intl.Segmenter !== 'function') return q
    segmenter ??= new Intl.Segmenter('ja', { granularity: 'word' })
    return q.replace(cjkRun, (run) => [...segmenter.segment(run)].map((s) => s.segment).join(' '))
  }

  // The index may be split into shards (see src/emit/search-shards.ts): the primary beside
  // pagefind.js, the others listed in shards.json and merged into it, so one search ranks all.
  // Result URLs are site-root paths ('/notes/a.html'), resolved against G.site below.
  let engine
  const pagefind = () => {
    const base = new URL('pagefind/', G.assets)
    const opts = { excerptLength: 22, baseUrl: '/' }
    return (engine ??= Promise.all([
      import(new URL('pagefind.js', base).href),
      fetch(new URL('shards.json', base), { cache: 'no-cache' }).then((r) => (r.ok ? r.json() : { merge: [] })),
    ]).then(async ([pf, shards]) => {
      await pf.options(opts)
      await pf.init()
      await Promise.all((shards.merge || []).map((dir) => pf.mergeIndex(new URL(dir, base).href, opts)))
      return pf
    }))
  }

  const el = (tag, props, kids) => {
    const e = d.createElement(tag)
    if (props) for (const k in props) if (props[k] != null) e.setAttribute(k, props[k])
    if (kids) e.append(...kids)
    return e
  }

  /** Pagefind excerpts are HTML with <mark>; keep only text and <mark>, nothing else. */
  const excerpt = (html) => {
    const t = d.createElement('template')
    t.innerHTML = unspace(html)
    const out = el('p', { class: 'search-excerpt' })
    const walk = (node, into) => {
      for (const n of node.childNodes) {
        if (n.nodeType === 3) into.append(n.textContent)
        else if (n.nodeName === 'MARK') { const m = el('mark'); walk(n, m); into.append(m) }
        else if (n.nodeType === 1) walk(n, into)
      }
    }
    walk(t.content, out)
    return out
  }

  let dialog, input, list, status, results = [], active = -1, seq = 0, timer = 0

  const select = (i) => {
    const items = list.children
    if (!items.length) return
    active = (i + items.length) % items.length
    for (let k = 0; k < items.length; k++) items[k].setAttribute('aria-selected', String(k === active))
    input.setAttribute('aria-activedescendant', items[active].id)
    items[active].scrollIntoView({ block: 'nearest' })
  }
  const go = (i) => {
    const r = results[i]
    if (r) location.href = r.href
  }

  /** The best-matching section of a page: its heading anchor and excerpt. */
  const best = (data) => {
    let pick = null
    let score = -1
    for (const sub of data.sub_results || []) {
      const s = (sub.weighted_locations || []).reduce((a, l) => a + (l.balanced_score || l.weight || 1), 0)
      if (s > score) { score = s; pick = sub }
    }
    return pick && pick.url.includes('#') ? pick : null
  }

  const render = (items, query) => {
    list.replaceChildren()
    results = items
    active = -1
    input.removeAttribute('aria-activedescendant')
    input.setAttribute('aria-expanded', String(items.length > 0))
    status.textContent = !query ? '' : items.length ? `${items.length} result${items.length === 1 ? '' : 's'}` : 'No results'
    items.forEach((r, i) => {
      const li = el('li', { id: `grove-search-result-${i}`, role: 'option', 'aria-selected': 'false', class: 'search-result' }, [
        el('span', { class: 'search-result-title' }, [r.title, ...(r.section ? [el('span', { class: 'search-result-section' }, [' › ' + r.section])] : [])]),
        ...(r.crumbs ? [el('span', { class: 'search-result-crumbs' }, [r.crumbs])] : []),
        excerpt(r.excerpt),
      ])
      li.addEventListener('click', () => go(i))
      li.addEventListener('mousemove', () => { if (active !== i) select(i) })
      list.append(li)
    })
    if (items.length) select(0)
  }

  const run = async () => {
    const query = input.value.trim()
    const mine = ++seq
    if (!query) return render([], '')
    let pf
    try {
      pf = await pagefind()
    } catch {
      status.textContent = G.http ? 'Search is not available.' : 'Search needs the site to be served over http(s).'
      return
    }
    const res = await pf.debouncedSearch(segment(query), {}, 120)
    if (res === null || mine !== seq) return
    const datas = await Promise.all(res.results.slice(0, 10).map((r) => r.data()))
    if (mine !== seq) return
    render(datas.map((data) => {
      const sub = best(data)
      const url = (sub ? sub.url : data.url).replace(/^\//, '')
      const title = unspace(data.meta.title || url)
      return {
        href: new URL(url, G.site).href,
        title,
        section: sub && sub.title && unspace(sub.title) !== title ? unspace(sub.title) : '',
        crumbs: data.meta.crumbs ? unspace(data.meta.crumbs) : '',
        excerpt: sub ? sub.excerpt : data.excerpt,
      }
    }), query)
  }

  const build = () => {
    dialog = el('dialog', { class: 'search-dialog', 'aria-label': 'Search' })
    input = el('input', {
      id: 'grove-search-input', type: 'search', autocomplete: 'off', spellcheck: 'false', placeholder: 'Search notes…',
      role: 'combobox', 'aria-expanded': 'false', 'aria-controls': 'grove-search-results', 'aria-autocomplete': 'list', 'aria-label': 'Search the site',
    })
    const close = el('button', { type: 'button', class: 'search-close', 'aria-label': 'Esc: close search' }, ['Esc'])
    status = el('p', { class: 'search-status', role: 'status', 'aria-live': 'polite' })
    list = el('ul', { id: 'grove-search-results', class: 'search-results', role: 'listbox', 'aria-label': 'Search results' })
    const form = el('div', { class: 'search-form', role: 'search' }, [input, close])
    dialog.append(form, status, list, el('p', { class: 'search-help' }, [el('kbd', null, ['↑']), el('kbd', null, ['↓']), ' to choose, ', el('kbd', null, ['Enter']), ' to open, ', el('kbd', null, ['Esc']), ' to close']))
    d.body.append(dialog)
    close.addEventListener('click', () => dialog.close())
    dialog.addEventListener('click', (e) => { if (e.target === dialog) dialog.close() })
    input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(run, 60) })
    input.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowDown') { e.preventDefault(); select(active + 1) }
      else if (e.key === 'ArrowUp') { e.preventDefault(); select(active - 1) }
      else if (e.key === 'Enter') { e.preventDefault(); go(active < 0 ? 0 : active) }
    })
  }

  G.openSearch = () => {
    if (!dialog) build()
    if (!dialog.open) dialog.showModal()
    input.focus()
    input.select()
    pagefind().catch(() => {})
  }
})()
