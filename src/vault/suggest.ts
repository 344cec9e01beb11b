/**
 * "Did you mean" for unresolved links, in time independent of the vault size: candidates come
 * from a symmetric-deletion index of note names (one deletion each side finds every name within
 * one edit, so typos, a missing letter and a swapped letter all match), plus the path with
 * leading folders dropped (`content/a/b` → `a/b`) and notes of the same name in other folders.
 */

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
    prev = cur
  }
  return prev[b.length]
}

function deletions(word: string): string[] {
  const out = [word]
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1))
  return out
}

const nameOf = (p: string) => p.slice(p.lastIndexOf('/') + 1)

export class Suggester {
  private readonly byPath = new Map<string, string>()
  private readonly byVariant = new Map<string, string[]>()

  /** `paths`: published note paths without `.md`, as written. */
  constructor(paths: string[]) {
    for (const p of paths) {
      const lower = p.toLowerCase()
      this.byPath.set(lower, p)
      for (const v of new Set(deletions(nameOf(lower)))) {
        const list = this.byVariant.get(v)
        if (list) list.push(p)
        else this.byVariant.set(v, [p])
      }
    }
  }

  suggest(target: string): string | undefined {
    const t = target.toLowerCase().replace(/\.md$/, '').replace(/^\/+|\/+$/g, '')
    const segs = t.split('/')
    for (let i = 1; i < segs.length; i++) {
      const hit = this.byPath.get(segs.slice(i).join('/'))
      if (hit) return hit
    }
    const name = nameOf(t)
    if (name.length > 200) return undefined
    const cands = new Set<string>()
    for (const v of new Set(deletions(name))) for (const p of this.byVariant.get(v) ?? []) cands.add(p)
    let best: string | undefined
    let bestScore = Infinity
    for (const p of cands) {
      const lp = p.toLowerCase()
      const score = distance(name, nameOf(lp)) * 100 + distance(t, lp)
      if (score < bestScore || (score === bestScore && best !== undefined && p < best)) {
        bestScore = score
        best = p
      }
    }
    return best
  }
}
