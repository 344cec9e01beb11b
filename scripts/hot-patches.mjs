// Source patches applied while bundling (scripts/bundle.mjs), each to a hot loop of a
// dependency that costs a build measurably more than it needs to. A patch is an exact text
// replacement with the same behaviour; when a dependency update changes the text, the bundle
// step fails here instead of silently shipping the slow path, so the patch is re-checked.
import { readFile } from 'node:fs/promises'

/** Names patched code in the bundle (esbuild drops comments; test/bundle-patches.test.ts looks for it). */
export const MARK = 'groveHotPatchContext'

export const PATCHES = [
  {
    // mdast-util-from-markdown 2.1 copies its compile context into a fresh object for every
    // micromark event, only to give handlers that event's sliceSerialize: a quarter of parse
    // time over the 1k bench vault (single thread, 7 interleaved pairs). No handler keeps or
    // assigns to `this` (checked over mdast-util-*, remark-* and src/markdown), so one object
    // whose sliceSerialize is set per event behaves the same.
    name: 'mdast-util-from-markdown: one compile context per document',
    file: /[\\/]node_modules[\\/]mdast-util-from-markdown[\\/]lib[\\/]index\.js$/,
    edits: [
      [
        '    events = prepared;\n    index = -1;\n',
        `    events = prepared;\n    const ${MARK} = { ...context, sliceSerialize: undefined };\n    index = -1;\n`,
      ],
      [
        '        handler[events[index][1].type].call({\n          ...context,\n          sliceSerialize: events[index][2].sliceSerialize\n        }, events[index][1]);\n',
        `        ${MARK}.sliceSerialize = events[index][2].sliceSerialize;\n        handler[events[index][1].type].call(${MARK}, events[index][1]);\n`,
      ],
    ],
  },
]

/** Applies every patch's edits to `text`; throws when one no longer matches exactly once. */
export function applyPatch(patch, text) {
  for (const [from, to] of patch.edits) {
    const at = text.indexOf(from)
    if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`hot patch "${patch.name}" no longer matches its dependency's source; re-check it`)
    text = text.slice(0, at) + to + text.slice(at + from.length)
  }
  return text
}

/** The esbuild plugin; every patch must have been applied once by the end of the build. */
export function hotPatches() {
  return {
    name: 'grove-hot-patches',
    setup(build) {
      const applied = new Set()
      for (const patch of PATCHES) {
        build.onLoad({ filter: patch.file }, async (args) => {
          applied.add(patch)
          return { contents: applyPatch(patch, await readFile(args.path, 'utf8')), loader: 'js' }
        })
      }
      build.onEnd((result) => {
        if (result.errors.length) return
        const missing = PATCHES.filter((p) => !applied.has(p))
        if (missing.length) throw new Error(`hot patches not applied (file not bundled?): ${missing.map((p) => p.name).join(', ')}`)
      })
    },
  }
}
