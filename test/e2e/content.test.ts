import { describe, it, expect } from 'vitest'
import path from 'node:path'
import { build } from '../../src/build.js'
import { loadConfig } from '../../src/config.js'
import { MemorySink } from '../../src/output/sink.js'
import { deadHrefs } from '../helpers/build-vault.js'

describe('the default vault in content/', () => {
  it('builds with zero diagnostics, at least 15 published notes across folders and no dead href', async () => {
    const vaultDir = path.resolve('content')
    const sink = new MemorySink()
    const result = await build({ vaultDir, config: await loadConfig(vaultDir), sink })
    expect(result.diagnostics).toEqual([])
    expect(result.published).toBeGreaterThanOrEqual(15)
    expect(result.site.index.folders.size).toBeGreaterThanOrEqual(4)
    expect(deadHrefs(sink)).toEqual([])
    expect(sink.files.has('templates/note-template.html')).toBe(false)
  })
})
