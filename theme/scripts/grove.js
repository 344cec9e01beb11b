// Grove's base client script: progressive enhancement only; every page works without it.
(() => {
  const root = document.documentElement
  const stored = localStorage.getItem('grove-theme')
  if (stored === 'dark' || stored === 'light') root.dataset.theme = stored
})()
