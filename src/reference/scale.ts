// The reference server at scale (README "--scale"): how many entities a scaled server may hold before it refuses
// changes to its data, and the one-line refusal. Writes copy the dataset and rebuild the store (writes.ts), which
// is fine for the default data and far too slow for a million entities; a scaled server is for reading (the
// export benchmark harvests it).

import { MAX_SCALE } from '../../fixtures/generate.js'

export { countsForScale, MAX_SCALE } from '../../fixtures/generate.js'

/** Above this --scale, POST /admin/changes and the attendance-type writes answer 503 writes_refused. */
export const WRITE_SCALE_LIMIT = 100_000

export function scaleRefusal(scale: number): string {
  return `this reference server serves a scaled dataset (--scale ${scale}, above ${WRITE_SCALE_LIMIT}): changes to its data are refused; use --scale ${WRITE_SCALE_LIMIT} or less to write`
}

/** Parses a --scale value: an integer from 100 to MAX_SCALE; the error is one line for the CLI. */
export function parseScale(raw: string | number): number {
  const n = typeof raw === 'number' ? raw : /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN
  if (!Number.isSafeInteger(n) || n < 100 || n > MAX_SCALE) throw new RangeError(`--scale must be an integer from 100 to ${MAX_SCALE} (entities in total), not ${JSON.stringify(String(raw))}`)
  return n
}
