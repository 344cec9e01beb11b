import { describe, it, expect, afterEach } from 'vitest'
import { rm } from 'node:fs/promises'
import path from 'node:path'
import { loadConfig, validateConfig, ConfigError, DEFAULT_CONFIG } from '../src/config.js'
import { writeVault } from './helpers/build-vault.js'

let dir: string | undefined
afterEach(async () => dir && rm(dir, { recursive: true, force: true }))

describe('config', () => {
  it('loads grove.config.yaml from the vault folder', async () => {
    dir = await writeVault({ 'grove.config.yaml': 'title: My Site\nbaseUrl: https://example.org/docs/\nstrictLineBreaks: true\n' })
    expect(await loadConfig(dir)).toMatchObject({ title: 'My Site', baseUrl: 'https://example.org/docs', strictLineBreaks: true })
  })

  it('uses the defaults, titled after the vault folder, when the vault has no config file', async () => {
    dir = await writeVault({ 'a.md': 'x' })
    expect(await loadConfig(dir)).toEqual({ ...DEFAULT_CONFIG, title: path.basename(dir) })
  })

  it('lets command-line values override the file', async () => {
    dir = await writeVault({ 'grove.config.yaml': 'baseUrl: https://a.org\n' })
    expect((await loadConfig(dir, undefined, { baseUrl: 'https://b.org' })).baseUrl).toBe('https://b.org')
  })

  it('names an unknown key', () => {
    expect(() => validateConfig({ titel: 'x' })).toThrow(/unknown key "titel"/)
  })

  it.each([
    [{ title: 5 }, /title must be a string/],
    [{ baseUrl: 'example.org' }, /baseUrl must be an http\(s\) URL/],
    [{ ignore: 'x' }, /ignore must be a list of strings/],
    [{ severity: { 'no-such-rule': 'warn' } }, /severity.no-such-rule is not a rule id/],
    [{ severity: { 'unresolved-link': 'loud' } }, /must be off, warn or error/],
    [{ strictLineBreaks: 'yes' }, /strictLineBreaks must be true or false/],
  ])('rejects %j', (raw, message) => {
    expect(() => validateConfig(raw)).toThrow(message)
    expect(() => validateConfig(raw)).toThrow(ConfigError)
  })

  it('reports invalid YAML in the config with its position', async () => {
    dir = await writeVault({ 'grove.config.yaml': 'title: x\nignore: [a\n' })
    await expect(loadConfig(dir)).rejects.toThrow(/grove\.config\.yaml:\d+:\d+: invalid YAML/)
  })
})
