/**
 * SiteConfig: defaults, loading of `grove.config.yaml` from the vault folder (or --config),
 * and validation. A bad key or value is a ConfigError naming it; the CLI exits 2 on it.
 */
import { readFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import path from 'node:path'
import YAML from 'yaml'
import { RULE_IDS, type RuleId, type Severity } from './report/messages.js'

export interface SiteConfig {
  /** Site title shown in the header and <title>; default: the vault folder's name. */
  title: string
  /** Absolute URL the site is served from; needed for feeds, sitemap and canonical links. */
  baseUrl: string
  /** Globs (vault-relative) of files that are never published. */
  ignore: string[]
  /** Obsidian's "Strict line breaks": when false (default) a single newline is a <br>. */
  strictLineBreaks: boolean
  /** Apply a strict HTML allow-list to notes (multi-author sites). */
  sanitize: boolean
  /** Severity per rule id; unspecified rules use their defaults. */
  severity: Partial<Record<RuleId, Severity>>
  /** <html lang>. */
  language: string
  /** How deep ![[embeds]] may nest before a notice is rendered instead. */
  maxEmbedDepth: number
}

export const CONFIG_FILE = 'grove.config.yaml'

export const DEFAULT_CONFIG: SiteConfig = {
  title: 'Grove',
  baseUrl: '',
  ignore: ['templates/**', 'private/**'],
  strictLineBreaks: false,
  sanitize: false,
  severity: {},
  language: 'en',
  maxEmbedDepth: 8,
}

export class ConfigError extends Error {
  override name = 'ConfigError'
}

type Checker = (value: unknown, key: string) => unknown

const isString: Checker = (v, key) => {
  if (typeof v !== 'string') throw new ConfigError(`${key} must be a string, got ${JSON.stringify(v)}`)
  return v
}
const isBool: Checker = (v, key) => {
  if (typeof v !== 'boolean') throw new ConfigError(`${key} must be true or false, got ${JSON.stringify(v)}`)
  return v
}
const isStringList: Checker = (v, key) => {
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))
    throw new ConfigError(`${key} must be a list of strings, got ${JSON.stringify(v)}`)
  return v
}
const isUrl: Checker = (v, key) => {
  const s = isString(v, key) as string
  if (s && !/^https?:\/\/[^\s/]+/.test(s)) throw new ConfigError(`${key} must be an http(s) URL, got ${JSON.stringify(s)}`)
  return s.replace(/\/+$/, '')
}
const isDepth: Checker = (v, key) => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 50)
    throw new ConfigError(`${key} must be a whole number from 1 to 50, got ${JSON.stringify(v)}`)
  return v
}
const isSeverityMap: Checker = (v, key) => {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new ConfigError(`${key} must be a map of rule id to off|warn|error`)
  for (const [rule, sev] of Object.entries(v)) {
    if (!(RULE_IDS as readonly string[]).includes(rule))
      throw new ConfigError(`${key}.${rule} is not a rule id; known rules: ${RULE_IDS.join(', ')}`)
    if (sev !== 'off' && sev !== 'warn' && sev !== 'error')
      throw new ConfigError(`${key}.${rule} must be off, warn or error, got ${JSON.stringify(sev)}`)
  }
  return v
}

const CHECKERS: Record<keyof SiteConfig, Checker> = {
  title: isString,
  baseUrl: isUrl,
  ignore: isStringList,
  strictLineBreaks: isBool,
  sanitize: isBool,
  severity: isSeverityMap,
  language: isString,
  maxEmbedDepth: isDepth,
}

/** Validates a raw object (from YAML or CLI flags) and merges it over `base`. */
export function validateConfig(raw: unknown, base: SiteConfig = DEFAULT_CONFIG, where = CONFIG_FILE): SiteConfig {
  if (raw === null || raw === undefined) return { ...base }
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(`${where}: the config must be a map of keys`)
  const out: SiteConfig = { ...base }
  for (const [key, value] of Object.entries(raw)) {
    const check = CHECKERS[key as keyof SiteConfig]
    if (!check) throw new ConfigError(`${where}: unknown key "${key}"; known keys: ${Object.keys(CHECKERS).join(', ')}`)
    try {
      ;(out as unknown as Record<string, unknown>)[key] = check(value, key)
    } catch (e) {
      throw new ConfigError(`${where}: ${(e as Error).message}`)
    }
  }
  return out
}

/**
 * Loads the config of one vault: `--config PATH` if given, else `<vault>/grove.config.yaml` if
 * present, else the defaults. Never looks outside the vault, so one vault never picks up another's.
 */
export async function loadConfig(vaultDir: string, configPath?: string, overrides: Partial<SiteConfig> = {}): Promise<SiteConfig> {
  const file = configPath ?? path.join(vaultDir, CONFIG_FILE)
  // Without a title anywhere, the site is named after its vault folder.
  let fromFile: SiteConfig = { ...DEFAULT_CONFIG, title: path.basename(path.resolve(vaultDir)) || DEFAULT_CONFIG.title }
  if (configPath || existsSync(file)) {
    let text: string
    try {
      text = await readFile(file, 'utf8')
    } catch {
      throw new ConfigError(`cannot read config file ${file}`)
    }
    let raw: unknown
    try {
      raw = YAML.parse(text)
    } catch (e) {
      const err = e as { linePos?: Array<{ line: number; col: number }>; message: string }
      const pos = err.linePos?.[0]
      throw new ConfigError(`${file}${pos ? `:${pos.line}:${pos.col}` : ''}: invalid YAML: ${err.message.split('\n')[0]}`)
    }
    fromFile = validateConfig(raw, fromFile, file)
  }
  return validateConfig(overrides, fromFile, 'command line')
}
