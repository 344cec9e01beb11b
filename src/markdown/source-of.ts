/** The text of the file a transform runs on (positions index into it), if the file carries it. */
import type { VFile } from 'vfile'

export function sourceOf(file: VFile): string | undefined {
  const { value } = file
  if (typeof value === 'string') return value
  return value ? new TextDecoder().decode(value) : undefined
}
