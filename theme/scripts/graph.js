// Grove graph view: canvas rendering of the precomputed layout in graph.json (the layout is
// computed at build time, so nothing heavy runs here). Local graphs show the current note and
// its neighbours to depth 2; the global graph shows every note. Zoom (wheel), pan and drag
// nodes with the pointer; a click on a node opens its note. Loaded on demand by grove.js.
;(() => {
  'use strict'
  const G = window.Grove
  const d = document
  let data
  const graphData = () =>
    (data ??= fetch(new URL('graph.json', G.assets)).then((r) => (r.ok ? r.json() : Promise.reject(new Error(r.statusText)))))

  const el = (tag, props, kids) => {
    const e = d.createElement(tag)
    if (props) for (const k in props) if (props[k] != null) e.setAttribute(k, props[k])
    if (kids) e.append(...kids)
    return e
  }

  /** Node indexes within `depth` undirected hops of `start`. */
  const neighbourhood = (adj, start, depth) => {
    const seen = new Map([[start, 0]])
    let frontier = [start]
    for (let k = 1; k <= depth; k++) {
      const next = []
      for (const i of frontier) for (const j of adj[i]) if (!seen.has(j)) { seen.set(j, k); next.push(j) }
      frontier = next
    }
    return seen
  }

  G.graph = async (host) => {
    const mode = host.dataset.graph === 'global' ? 'global' : 'local'
    let g
    try { g = await graphData() } catch { return }
    const current = g.nodes.findIndex((n) => n.u === G.page)
    if (mode === 'local' && current < 0) return
    const stored = (() => { try { return localStorage.getItem('grove-graph-tags') === '1' } catch { return false } })()
    let showTags = stored
    const canvas = el('canvas', { class: 'graph-canvas', role: 'img' })
    const controls = el('div', { class: 'graph-controls' })
    const tagBox = el('input', { type: 'checkbox', id: `graph-tags-${mode}` })
    tagBox.checked = showTags
    controls.append(el('label', { for: tagBox.id }, [tagBox, ' Tags']))
    host.replaceChildren(canvas, controls)
    const ctx = canvas.getContext('2d')

    let shown = [] // node indexes shown
    let pos = [] // [x, y] per shown node (draggable copy)
    let edges = [] // pairs of positions in `shown`
    let depthOf = new Map()
    let degree = []
    let view = { k: 1, x: 0, y: 0 } // screen = world * k + (x, y)
    let width = 0
    let height = 0
    let hover = -1
    let colors = {}

    const readColors = () => {
      const cs = getComputedStyle(host)
      const v = (name, fallback) => cs.getPropertyValue(name).trim() || fallback
      colors = { fg: v('--fg', '#222'), muted: v('--muted', '#777'), accent: v('--accent', '#1f6f4a'), border: v('--border', '#ddd'), bg: v('--bg', '#fff'), tag: v('--graph-tag', '#a06cd5') }
    }

    const select = () => {
      const adj = g.nodes.map(() => [])
      for (const [a, b] of g.links) {
        if (!showTags && (g.nodes[a].tag || g.nodes[b].tag)) continue
        adj[a].push(b)
        adj[b].push(a)
      }
      if (mode === 'local') depthOf = neighbourhood(adj, current, 2)
      else depthOf = new Map(g.nodes.map((n, i) => [i, 0]).filter(([i]) => showTags || !g.nodes[i].tag))
      shown = [...depthOf.keys()].sort((a, b) => a - b)
      const at = new Map(shown.map((n, i) => [n, i]))
      pos = shown.map((i) => [g.nodes[i].x, g.nodes[i].y])
      edges = []
      degree = shown.map((i) => adj[i].length)
      for (const [a, b] of g.links) if (at.has(a) && at.has(b) && (showTags || (!g.nodes[a].tag && !g.nodes[b].tag))) edges.push([at.get(a), at.get(b)])
      const title = mode === 'local' ? `Graph of the notes linked with ${g.nodes[current].t}` : 'Graph of all notes'
      canvas.setAttribute('aria-label', `${title}: ${shown.length} nodes, ${edges.length} links`)
      fit()
    }

    const fit = () => {
      if (!pos.length) return
      let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity
      for (const [x, y] of pos) { x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y) }
      const pad = 28
      const k = Math.min((width - 2 * pad) / Math.max(x1 - x0, 1), (height - 2 * pad) / Math.max(y1 - y0, 1), mode === 'local' ? 2.5 : 4)
      view = { k, x: width / 2 - ((x0 + x1) / 2) * k, y: height / 2 - ((y0 + y1) / 2) * k }
      draw()
    }

    // Nodes shrink when zoomed far out (big graphs), so thousands of them stay distinguishable.
    const radius = (i) => (g.nodes[shown[i]].tag ? 3 : 3 + Math.min(6, Math.sqrt(degree[i]))) * Math.min(1, Math.max(0.3, Math.sqrt(view.k)))
    const screen = (i) => [pos[i][0] * view.k + view.x, pos[i][1] * view.k + view.y]

    // Big graphs: while zooming or panning, move a snapshot of the last full frame and repaint
    // fully once the pointer rests, so interaction stays smooth at thousands of nodes.
    let frame = 0
    let snap = null
    let settle = 0
    const big = () => shown.length + edges.length > 4000
    const draw = () => { frame ||= requestAnimationFrame(paint) }
    const moving = () => {
      if (!big()) return draw()
      if (!snap) {
        const c = d.createElement('canvas')
        c.width = canvas.width
        c.height = canvas.height
        c.getContext('2d').drawImage(canvas, 0, 0)
        snap = { c, view: { ...view } }
      }
      clearTimeout(settle)
      settle = setTimeout(() => { snap = null; draw() }, 160)
      frame ||= requestAnimationFrame(() => {
        frame = 0
        if (!snap) return paint()
        const dpr = devicePixelRatio || 1
        const s = view.k / snap.view.k
        ctx.setTransform(dpr, 0, 0, dpr, 0, 0)
        ctx.clearRect(0, 0, width, height)
        ctx.setTransform(dpr * s, 0, 0, dpr * s, dpr * (view.x - snap.view.x * s), dpr * (view.y - snap.view.y * s))
        ctx.drawImage(snap.c, 0, 0, width, height)
      })
    }
    const paint = () => {
      frame = 0
      const dpr = devicePixelRatio || 1
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0)
      ctx.clearRect(0, 0, width, height)
      const near = new Set()
      const focus = hover >= 0 ? hover : mode === 'local' ? shown.indexOf(current) : -1
      if (focus >= 0) for (const [a, b] of edges) { if (a === focus) near.add(b); if (b === focus) near.add(a) }
      ctx.lineWidth = 1
      ctx.strokeStyle = colors.border
      ctx.beginPath()
      for (const [a, b] of edges) {
        if (a === focus || b === focus) continue
        const [ax, ay] = screen(a)
        const [bx, by] = screen(b)
        ctx.moveTo(ax, ay)
        ctx.lineTo(bx, by)
      }
      ctx.stroke()
      if (focus >= 0) {
        ctx.strokeStyle = colors.accent
        ctx.beginPath()
        for (const [a, b] of edges) {
          if (a !== focus && b !== focus) continue
          const [ax, ay] = screen(a)
          const [bx, by] = screen(b)
          ctx.moveTo(ax, ay)
          ctx.lineTo(bx, by)
        }
        ctx.stroke()
      }
      // One path per colour: thousands of nodes cost a handful of fills, not one each.
      const labels = []
      const buckets = new Map()
      let currentAt = null
      for (let i = 0; i < shown.length; i++) {
        const [x, y] = screen(i)
        if (x < -20 || y < -20 || x > width + 20 || y > height + 20) continue
        const n = g.nodes[shown[i]]
        const isCurrent = shown[i] === current
        const r = radius(i) * (isCurrent ? 1.4 : 1)
        if (isCurrent) currentAt = [x, y, r]
        else {
          const color = i === hover ? colors.accent : n.tag ? colors.tag : near.has(i) ? colors.fg : colors.muted
          let path = buckets.get(color)
          if (!path) buckets.set(color, (path = new Path2D()))
          path.moveTo(x + r, y)
          path.arc(x, y, r, 0, Math.PI * 2)
        }
        const labelled = i === hover || isCurrent || near.has(i) || view.k > (mode === 'local' ? 0.9 : 2.2) || shown.length <= 60
        if (labelled) labels.push([x, y + radius(i) + 11, n.t, i === hover || isCurrent])
      }
      for (const [color, path] of buckets) {
        ctx.fillStyle = color
        ctx.fill(path)
      }
      if (currentAt) {
        ctx.fillStyle = colors.accent
        ctx.beginPath()
        ctx.arc(currentAt[0], currentAt[1], currentAt[2], 0, Math.PI * 2)
        ctx.fill()
        ctx.strokeStyle = colors.bg
        ctx.lineWidth = 2
        ctx.stroke()
      }
      if (labels.length > 400) labels.length = 400
      ctx.font = '11px system-ui, sans-serif'
      ctx.textAlign = 'center'
      for (const [x, y, t, strong] of labels) {
        ctx.lineWidth = 3
        ctx.strokeStyle = colors.bg
        ctx.strokeText(t, x, y)
        ctx.fillStyle = strong ? colors.fg : colors.muted
        ctx.fillText(t, x, y)
      }
      host.graphNodes = shown.map((n, i) => { const [x, y] = screen(i); return { title: g.nodes[n].t, href: g.nodes[n].u, x, y, current: n === current } })
    }

    const resize = () => {
      const r = host.getBoundingClientRect()
      width = Math.max(50, Math.round(r.width))
      height = Math.max(50, Math.round(canvas.getBoundingClientRect().height || r.height))
      const dpr = devicePixelRatio || 1
      canvas.width = width * dpr
      canvas.height = height * dpr
      canvas.style.height = height + 'px'
    }

    const hit = (mx, my) => {
      let bestI = -1
      let bestD = 144
      for (let i = 0; i < shown.length; i++) {
        const [x, y] = screen(i)
        const dd = (x - mx) ** 2 + (y - my) ** 2
        const r = radius(i) + 4
        if (dd < Math.max(bestD, r * r) && dd < bestD) { bestD = dd; bestI = i }
      }
      return bestI
    }
    const local = (e) => { const r = canvas.getBoundingClientRect(); return [e.clientX - r.left, e.clientY - r.top] }

    let drag = null
    canvas.addEventListener('pointerdown', (e) => {
      const [mx, my] = local(e)
      const i = hit(mx, my)
      drag = { i, sx: mx, sy: my, moved: false, vx: view.x, vy: view.y }
      canvas.setPointerCapture(e.pointerId)
    })
    canvas.addEventListener('pointermove', (e) => {
      const [mx, my] = local(e)
      if (!drag) {
        const i = hit(mx, my)
        if (i !== hover) { hover = i; canvas.style.cursor = i >= 0 ? 'pointer' : 'grab'; draw() }
        return
      }
      if (Math.abs(mx - drag.sx) + Math.abs(my - drag.sy) > 3) drag.moved = true
      if (!drag.moved) return
      if (drag.i >= 0) pos[drag.i] = [(mx - view.x) / view.k, (my - view.y) / view.k]
      else { view.x = drag.vx + mx - drag.sx; view.y = drag.vy + my - drag.sy; return moving() }
      draw()
    })
    canvas.addEventListener('pointerup', (e) => {
      const dr = drag
      drag = null
      if (dr && !dr.moved && dr.i >= 0) location.href = new URL(g.nodes[shown[dr.i]].u, G.site).href
      try { canvas.releasePointerCapture(e.pointerId) } catch { /* already released */ }
    })
    canvas.addEventListener('pointerleave', () => { if (!drag && hover >= 0) { hover = -1; draw() } })
    canvas.addEventListener('wheel', (e) => {
      e.preventDefault()
      const [mx, my] = local(e)
      const f = Math.exp(-e.deltaY * 0.0015)
      const k = Math.min(20, Math.max(0.05, view.k * f))
      view = { k, x: mx - ((mx - view.x) * k) / view.k, y: my - ((my - view.y) * k) / view.k }
      moving()
    }, { passive: false })
    canvas.addEventListener('dblclick', fit)
    tagBox.addEventListener('change', () => {
      showTags = tagBox.checked
      try { localStorage.setItem('grove-graph-tags', showTags ? '1' : '0') } catch { /* private mode */ }
      select()
    })
    d.addEventListener('grove:theme', () => { readColors(); draw() })
    // Resizing the canvas clears it, so always repaint (and refit when the width changed).
    if ('ResizeObserver' in window) new ResizeObserver(() => { const w = width; resize(); if (w !== width) fit(); else draw() }).observe(host)

    readColors()
    resize()
    select()
    host.classList.add('is-ready')
  }
})()
