// Keyset paging for the reference server's lists (issue #5: "page boundaries do not lose records when data changes
// during the harvest"). A pageToken carries, besides the query and the offset, the position of the last record it
// served: that record's sort values and id, sealed (AES-256-GCM under a key of this server) so that a token shows
// no personal data (a sort by name or civic number puts them in the position). The next page starts after that
// position in the list as it is NOW: a record added or removed before it moves no boundary, so a walk loses no
// record that existed throughout and serves none twice. The offset stays as a fast path: while the record before it
// is still the one the token names, the list did not shift there. (export.offset-paging uses the offset alone.)

import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto'

type Compare<T> = (a: T, b: T) => number
type Row = { id: string } & Record<string, unknown>

/** What an order can read of a record: its id, meta.modified, civicNo.value and its top-level scalars. */
export function positionOf(rec: Row): Row {
  const out: Row = { id: rec.id }
  for (const [k, v] of Object.entries(rec)) if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = v
  const meta = rec.meta as { modified?: unknown } | undefined
  if (typeof meta?.modified === 'string') out.meta = { modified: meta.modified }
  const civicNo = rec.civicNo as { value?: unknown } | undefined
  if (typeof civicNo?.value === 'string') out.civicNo = { value: civicNo.value }
  return out
}

export class PagePositions {
  private readonly key = randomBytes(32)

  /** The sealed position of a record (deterministic: the same record gives the same text). */
  seal(rec: Row): string {
    const plain = Buffer.from(JSON.stringify(positionOf(rec)), 'utf8')
    const iv = createHmac('sha256', this.key).update(plain).digest().subarray(0, 12)
    const c = createCipheriv('aes-256-gcm', this.key, iv)
    const body = Buffer.concat([c.update(plain), c.final()])
    return Buffer.concat([iv, c.getAuthTag(), body]).toString('base64url')
  }

  /** The position a sealed text names; undefined when this server did not seal it. */
  open(sealed: string): Row | undefined {
    try {
      const b = Buffer.from(sealed, 'base64url')
      if (b.length < 29) return undefined
      const d = createDecipheriv('aes-256-gcm', this.key, b.subarray(0, 12))
      d.setAuthTag(b.subarray(12, 28))
      const v = JSON.parse(Buffer.concat([d.update(b.subarray(28)), d.final()]).toString('utf8')) as unknown
      return v && typeof v === 'object' && typeof (v as Row).id === 'string' ? (v as Row) : undefined
    } catch {
      return undefined
    }
  }
}

/**
 * Where the page after `last` starts in `rows` (ordered by `order`): `hint` (the token's offset) when the record
 * before it is still `last`, else the first row the order puts after `last` (binary search).
 */
export function resumeAt<T extends { id: string }>(rows: readonly T[], last: { id: string }, order: Compare<T>, hint: number): number {
  if (hint > 0 && hint <= rows.length && rows[hint - 1].id.toLowerCase() === last.id.toLowerCase()) return hint
  let lo = 0
  let hi = rows.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (order(rows[mid], last as T) <= 0) lo = mid + 1
    else hi = mid
  }
  return lo
}
