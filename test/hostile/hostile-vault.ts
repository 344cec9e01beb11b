/**
 * The hostile vault: every kind of broken or malicious input a real vault has, as files for a
 * temp dir. Payloads set `window.__pwned` if they ever run, for the browser test.
 */
const XSS = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'

export const hostileFiles: Record<string, string | Uint8Array> = {
  // Front matter
  'fm/invalid-yaml.md': '---\ntitle: ok\nlist:\n  - @name\n---\nbody',
  'fm/list-yaml.md': '---\n- a\n- b\n---\nbody',
  'fm/scalar-yaml.md': '---\njust text\n---\nbody',
  'fm/title-list.md': '---\ntitle: [a, b]\n---\nbody',
  'fm/tags-number.md': '---\ntags: 5\n---\nbody',
  'fm/draft-yes.md': '---\ndraft: "yes"\n---\nsecret draft text',
  'fm/handlebars-date.md': '---\ndate: "{{date}}"\n---\nbody',
  'fm/templater-date.md': '---\ndate: <% tp.date.now() %>\n---\nbody',
  'fm/bom.md': '\uFEFF---\ntitle: With BOM\n---\nbody',
  'fm/crlf.md': '---\r\ntitle: CRLF note\r\ntags: [crlf]\r\n---\r\nline one\r\nline two [[fm/bom]]\r\n',
  'fm/unclosed.md': '---\ntitle: never closed\n\nbody',
  // Content
  'content/long-line.md': 'x'.repeat(1024 * 1024),
  'content/deep-quote.md': '>'.repeat(10_000) + ' deep',
  'content/deep-list.md': Array.from({ length: 2000 }, (_, i) => ' '.repeat(i * 2) + '- item').join('\n'),
  'content/many-links.md': Array.from({ length: 100_000 }, (_, i) => `[[n${i % 50}]]`).join(' '),
  'content/invalid-utf8.md': Uint8Array.from([0x61, 0xff, 0xfe, 0x62, 0x0a]),
  'content/nul.md': 'before\u0000after',
  'content/empty.md': '',
  'content/binary.md': Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01, 0x02]),
  // Embeds
  'embed/self.md': '![[self]]',
  'embed/a.md': '![[b]]',
  'embed/b.md': '![[a]]',
  'embed/draft-embed.md': '![[fm/draft-yes]]',
  'embed/huge.md': 'A line of a pasted log [[embed/a]] #tag\n'.repeat(260_000),
  'embed/embeds-huge.md': '![[huge]]',
  // Paths
  'paths/traversal.md': [
    '[[../../etc/passwd]] ![[../../etc/passwd]] ![x](../../etc/passwd) [y](%2e%2e/%2e%2e/etc/passwd)',
    '[z](..\\..\\etc\\passwd) [abs](/etc/passwd) [f](file:///etc/passwd) ![[/etc/hostname]]',
  ].join('\n\n'),
  'paths/permalink.md': '---\npermalink: ../../etc/passwd\n---\nbody',
  // Names
  'names/Case.md': 'upper',
  'names/case.md': 'lower',
  'names/a b.md': 'space',
  'names/a-b.md': 'dash',
  'names/C# notes.md': 'hash',
  'names/what?.md': 'question',
  'names/100%.md': 'percent',
  'names/time: 10:30.md': 'colon',
  'names/say "hi".md': 'quotes',
  'names/a <b>.md': 'angle',
  'names/🌲 tree.md': 'emoji',
  'names/ideo\u3000space.md': 'ideographic space',
  'names/caf\u00e9.md': 'nfc',
  'names/cafe\u0301.md': 'nfd',
  'names/links.md': '[[Case]] [[case]] [[a b]] [[a-b]] [[🌲 tree]] [[café]]',
  // Names that collide with what Grove generates
  'gen/Folder/x.md': 'upper folder',
  'gen/folder/y.md': 'lower folder',
  'gen/tagged-index.md': '#index',
  '_grove/g.md': 'a note in a folder named like the asset folder',
  '404.md': 'a note named 404',
  'gen/clash.md': '[[clash.html]]',
  'gen/clash.html': '<p>an html attachment beside clash.md</p>',
  // Injection
  [`inject/${'<img src=x onerror=alert(1)>'.replace(/[<>/]/g, '_')}.md`]: 'file name payload',
  'inject/meta.md': [
    '---',
    `title: "${XSS.replace(/"/g, '\\"')}"`,
    `aliases: ["${XSS.replace(/"/g, '\\"')}"]`,
    `tags: ["x<script>window.__pwned=3</script>"]`,
    `description: "${XSS.replace(/"/g, '\\"')}"`,
    '---',
    `# Heading ${XSS}`,
    '',
    `[[inject/body|${XSS}]]`,
    '',
    `> [!note] ${XSS}`,
    '> callout body',
    '',
    `![${XSS}](nothing.png)`,
  ].join('\n'),
  'inject/body.md': [
    'Raw HTML:',
    '',
    '<div onclick="window.__pwned=4" onmouseover="window.__pwned=5">kept div</div>',
    '',
    '<script>window.__pwned=6</script>',
    '',
    '<a href="javascript:window.__pwned=7">js link</a> <iframe srcdoc="<script>parent.__pwned=8</script>"></iframe>',
    '',
    '<svg onload="window.__pwned=9"><circle r="1"/></svg>',
  ].join('\n'),
}

export const XSS_PAYLOAD = XSS
