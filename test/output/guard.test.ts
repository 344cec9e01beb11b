import { describe, it, expect } from 'vitest'
import os from 'node:os'
import path from 'node:path'
import { outDirProblem } from '../../src/output/guard.js'

describe('outDirProblem', () => {
  const vault = path.join(os.tmpdir(), 'v', 'vault')
  it('refuses the vault itself', () => expect(outDirProblem(vault, vault)).toContain('the vault itself'))
  it('refuses the parent of the vault', () => expect(outDirProblem(vault, path.dirname(vault))).toContain('contains the vault'))
  it('refuses the filesystem root', () => expect(outDirProblem(vault, '/')).toContain('filesystem root'))
  it('refuses the home folder', () => expect(outDirProblem(vault, os.homedir())).toContain('home folder'))
  it('accepts a sibling folder and a folder inside the vault', () => {
    expect(outDirProblem(vault, path.join(path.dirname(vault), 'public'))).toBeUndefined()
    expect(outDirProblem(vault, path.join(vault, 'public'))).toBeUndefined()
  })
})
