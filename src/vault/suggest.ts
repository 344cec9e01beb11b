/** "Did you mean" for unresolved links: a near path or name among the published notes. */

function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    let best = i
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
      if (cur[j] < best) best = cur[j]
    }
    if (best > max) return max + 1
    prev = cur
  }
  return prev[b.length]
}

/**
 * Suggests a link target for `target` among `paths` (vault paths without `.md`): first a path
 * that `target` ends with after dropping leading folders (`content/a/b` → `a/b`), then the
 * closest path or file name by edit distance.
 */
export function suggestTarget(target: string, paths: string[]): string | undefined {
  const t = target.toLowerCase().replace(/\.md$/, '')
  const lower = new Map(paths.map((p) => [p.toLowerCase(), p]))
  const segs = t.split('/')
  for (let i = 1; i < segs.length; i++) {
    const hit = lower.get(segs.slice(i).join('/'))
    if (hit) return hit
  }
  const max = Math.min(6, Math.max(2, Math.floor(t.length / 5)))
  let best: string | undefined
  let bestD = max + 1
  const name = segs[segs.length - 1]
  for (const [lp, p] of lower) {
    const d = Math.min(distance(t, lp, max), distance(name, lp.slice(lp.lastIndexOf('/') + 1), max) + (t.includes('/') ? 1 : 0))
    if (d < bestD || (d === bestD && best !== undefined && p < best)) {
      bestD = d
      best = p
    }
  }
  return best
}
