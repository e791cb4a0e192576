// The customer's expected record counts (EXPORT-COUNTS-012): read from --expected-counts FILE, or on the built-in
// server taken from the dataset it serves. The file is JSON, either {"persons": 1234, …} or
// {"counts": {"persons": 1234, …}, "tolerance": 0.02} (a share of each count that may differ, default 0).

import { readFile } from 'node:fs/promises'
import type { Dataset } from '../../fixtures/generate.js'
import { KonformError, oneLine } from '../errors.js'

export interface ExpectedCounts {
  /** list entity ('persons', 'organisations' …) -> records expected */
  counts: Record<string, number>
  tolerance: number
  /** Where the counts come from, for the report. */
  source: string
}

export async function readExpectedCounts(file: string): Promise<ExpectedCounts> {
  let raw: unknown
  try {
    raw = JSON.parse(await readFile(file, 'utf8').catch((err: unknown) => {
      throw new KonformError(`--expected-counts ${file} cannot be read: ${oneLine(err)}`)
    }))
  } catch (err) {
    if (err instanceof KonformError) throw err
    throw new KonformError(`--expected-counts ${file} is not JSON: ${oneLine(err)}`)
  }
  const obj = raw as { counts?: unknown; tolerance?: unknown }
  const nested = raw !== null && typeof raw === 'object' && !Array.isArray(raw) && 'counts' in obj
  const counts = nested ? obj.counts : raw
  const tolerance = nested && obj.tolerance !== undefined ? obj.tolerance : 0
  if (!counts || typeof counts !== 'object' || Array.isArray(counts)) throw new KonformError(`--expected-counts ${file}: expected an object of counts per list, e.g. {"persons": 1234}`)
  for (const [k, v] of Object.entries(counts)) {
    if (!Number.isSafeInteger(v) || (v as number) < 0) throw new KonformError(`--expected-counts ${file}: the count of ${k} must be a whole number of at least 0, not ${JSON.stringify(v)}`)
  }
  if (typeof tolerance !== 'number' || !(tolerance >= 0 && tolerance < 1)) throw new KonformError(`--expected-counts ${file}: tolerance must be a number from 0 up to 1 (a share), not ${JSON.stringify(tolerance)}`)
  return { counts: counts as Record<string, number>, tolerance, source: file }
}

/** The counts the built-in server serves, for the lists of the profile. */
export function datasetCounts(d: Dataset, entities: readonly string[]): ExpectedCounts {
  const counts: Record<string, number> = {}
  for (const e of entities) {
    const rows = (d as unknown as Record<string, unknown[] | undefined>)[e]
    if (Array.isArray(rows)) counts[e] = rows.length
  }
  return { counts, tolerance: 0, source: "the built-in server's dataset" }
}
