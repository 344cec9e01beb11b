/**
 * Reads one note's bytes and decodes them: strips a BOM, refuses binary content (NUL bytes),
 * reports invalid UTF-8. Pure apart from the one file read.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { SourcePath } from '../vault/paths.js'
import { DiagnosticBag } from '../report/messages.js'

export interface ReadNote {
  source: SourcePath
  /** The note's text, BOM removed; null when the file is not text. */
  text: string | null
  diagnostics: DiagnosticBag
}

export function decodeNote(source: SourcePath, bytes: Uint8Array): ReadNote {
  const diagnostics = new DiagnosticBag(source)
  let text: string
  let valid = true
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    valid = false
    text = new TextDecoder('utf-8').decode(bytes)
  }
  // NUL bytes in something that is not even UTF-8: an image or archive renamed to .md.
  const nul = bytes.indexOf(0)
  if (nul >= 0 && nul < 8192 && !valid) {
    diagnostics.warn('unreadable-file', `${source} is binary, not Markdown; it is not published`)
    return { source, text: null, diagnostics }
  }
  if (!valid) diagnostics.warn('unreadable-file', 'the file is not valid UTF-8; invalid bytes are shown as �')
  if (nul >= 0) diagnostics.warn('unreadable-file', 'the file contains NUL bytes; they are shown as �')
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  if (text.includes('\0')) text = text.replace(/\0/g, '\uFFFD')
  return { source, text, diagnostics }
}

/**
 * Synchronous on purpose: it runs in a worker thread (or in-process for small vaults) right before
 * a parse of the same note, and an async read there only adds a thread-pool round trip per note
 * during which the worker idles (about a tenth of the parse stage's wall time).
 */
export function readNote(vaultDir: string, source: SourcePath): ReadNote {
  return decodeNote(source, readFileSync(path.join(vaultDir, source)))
}
