/**
 * Grove's slug scheme, one path segment at a time: NFC, lowercase, whitespace → '-', Unicode
 * letters, marks and digits kept, '-', '_' and '.' kept, everything else dropped, runs of '-'
 * collapsed. A segment left empty (a file named '?') becomes 'untitled'.
 */
export function slugifySegment(segment: string): string {
  const s = segment
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\s\u3000]+/gu, '-')
    .replace(/[^\p{L}\p{M}\p{N}\p{Extended_Pictographic}_.-]/gu, '')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|-+$/g, '')
  return s || 'untitled'
}
