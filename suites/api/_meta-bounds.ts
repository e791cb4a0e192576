// The meta.created / meta.modified bound rules share one body: pick a record's timestamp T, then
// ?meta.X.after=T must leave it out and hold only later records; ?meta.X.before=T must keep it and hold none later.

import type { CheckContext } from '../../src/core/context.js'
import { CheckSkip } from '../../src/core/failure.js'
import type { Operation } from '../../src/spec/operations.js'
import { few, pageData, requiredQuery, sampleRecords } from './_shared.js'

type Rec = { id?: unknown; meta?: { created?: unknown; modified?: unknown } }

export async function checkMetaBounds(ctx: CheckContext, op: Operation, field: 'created' | 'modified'): Promise<void> {
  const stamp = (r: Rec) => Date.parse(String(r.meta?.[field]))
  const sample = (await sampleRecords(ctx, op, 50, 2)).filter((r) => Number.isFinite(stamp(r as Rec))) as Rec[]
  if (sample.length < 2) throw new CheckSkip({ en: `fewer than two records of ${op.key} carry meta.${field}`, sv: `färre än två poster i ${op.key} har meta.${field}` })
  // The middle timestamp, so both sides of the bound have records.
  const pivot = [...sample].sort((a, b) => stamp(a) - stamp(b))[Math.floor(sample.length / 2)]
  const t = String(pivot.meta![field])
  const id = String(pivot.id)
  for (const side of ['after', 'before'] as const) {
    const name = `meta.${field}.${side}`
    const res = await ctx.call(op, { query: { ...requiredQuery(op), [name]: t } })
    const data = pageData(ctx, res, op) as Rec[]
    const wrong = data.filter((r) => (side === 'after' ? !(stamp(r) > Date.parse(t)) : !(stamp(r) <= Date.parse(t))))
    if (wrong.length) {
      const e = few(wrong.map((r) => `${String(r.id)} (${String(r.meta?.[field])})`), 3)
      ctx.report({ en: `${name}=${t} returned records outside the bound`, sv: `${name}=${t} returnerade poster utanför gränsen` }, {
        expected:
          side === 'after'
            ? { en: `only records with meta.${field} later than ${t} (exclusive)`, sv: `bara poster med meta.${field} senare än ${t} (gränsen exkluderas)` }
            : { en: `only records with meta.${field} at or before ${t} (inclusive)`, sv: `bara poster med meta.${field} vid eller före ${t} (gränsen inkluderas)` },
        actual: { en: `${wrong.length} outside, e.g. ${e}`, sv: `${wrong.length} utanför, t.ex. ${e}` },
        evidence: [res.exchangeId],
      })
    }
    const has = data.some((r) => String(r.id) === id)
    if (side === 'after' && has) ctx.report({ en: `${name}=${t} returned the record whose meta.${field} is exactly ${t}: the bound is not exclusive`, sv: `${name}=${t} returnerade posten vars meta.${field} är exakt ${t}: gränsen exkluderas inte` }, { evidence: [res.exchangeId] })
    if (side === 'before' && !has) ctx.report({ en: `${name}=${t} left out the record whose meta.${field} is exactly ${t}: the bound is not inclusive`, sv: `${name}=${t} utelämnade posten vars meta.${field} är exakt ${t}: gränsen inkluderas inte` }, { evidence: [res.exchangeId] })
  }
}
