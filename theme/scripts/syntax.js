// Grove's code and diagram enhancements, loaded (deferred) only on pages with code blocks or
// Mermaid diagrams. Progressive enhancement: without JS, code is already highlighted and a
// diagram shows its source. Adds a copy button to each `.code-block`; loads the locally
// shipped mermaid.min.js (never a CDN) only when the page has a `pre.mermaid`, and redraws the
// diagrams when the reader switches between light and dark.
;(() => {
  'use strict'
  const d = document
  const script = d.currentScript
  const assets = script ? new URL('./', script.src) : null

  for (const block of d.querySelectorAll('.code-block')) {
    const code = block.querySelector('pre > code')
    if (!code || block.querySelector('.code-copy')) continue
    const button = d.createElement('button')
    button.type = 'button'
    button.className = 'code-copy'
    button.textContent = 'Copy'
    button.setAttribute('aria-label', 'Copy code')
    button.addEventListener('click', async () => {
      const text = code.textContent.replace(/\n$/, '')
      try {
        await navigator.clipboard.writeText(text)
        button.textContent = 'Copied'
      } catch {
        // file:// or an old browser: select the code so Ctrl+C works.
        const range = d.createRange()
        range.selectNodeContents(code)
        const sel = getSelection()
        sel.removeAllRanges()
        sel.addRange(range)
        button.textContent = 'Selected'
      }
      setTimeout(() => (button.textContent = 'Copy'), 1500)
    })
    block.prepend(button)
  }

  const diagrams = [...d.querySelectorAll('pre.mermaid')]
  if (!diagrams.length || !assets) return
  for (const pre of diagrams) pre.dataset.source = pre.textContent
  const root = d.documentElement
  const mq = matchMedia('(prefers-color-scheme: dark)')
  const dark = () => (root.dataset.theme || (mq.matches ? 'dark' : 'light')) === 'dark'
  let drawn = null
  const draw = () => {
    const mermaid = window.mermaid
    if (!mermaid) return
    const mode = dark() ? 'dark' : 'default'
    if (drawn === mode) return
    drawn = mode
    for (const pre of diagrams) {
      pre.removeAttribute('data-processed')
      pre.textContent = pre.dataset.source
    }
    mermaid.initialize({ startOnLoad: false, theme: mode, securityLevel: 'strict' })
    mermaid.run({ nodes: diagrams }).catch(() => {})
  }
  const s = d.createElement('script')
  s.src = new URL('mermaid.min.js', assets).href
  s.onload = draw
  d.head.append(s)
  new MutationObserver(draw).observe(root, { attributes: true, attributeFilter: ['data-theme'] })
  mq.addEventListener('change', draw)
})()
