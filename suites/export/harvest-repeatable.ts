import { createHash } from 'node:crypto'
import { defineCheck } from '../../src/core/check.js'
import { canonical, harvestAll, idOf, profileOps } from './_shared.js'

/** One hash over a harvest: per entity, the records as canonical JSON sorted by id. */
function digest(records: Map<string, Record<string, unknown>[]>): Map<string, string> {
  const out = new Map<string, string>()
  for (const [entity, recs] of records) {
    const lines = recs.map((r) => [String(idOf(r)), canonical(r)]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    out.set(entity, createHash('sha256').update(lines.map(([, l]) => l).join('\n')).digest('hex'))
  }
  return out
}

export default defineCheck({
  id: 'EXPORT-REPEAT-035',
  title: {
    en: 'Two full harvests of an unchanged tenant give identical content (same hash per list)',
    sv: 'Två fullständiga hämtningar av en oförändrad miljö ger identiskt innehåll (samma hash per lista)',
  },
  requirements: ['EU-DA-25.2', 'SS12000-ID-PERSISTENT'],
  severity: 'should',
  profiles: ['core', 'skolverket-dnp'],
  async run(ctx) {
    const ops = profileOps(ctx)
    const started = Date.now()
    const a = await harvestAll(ctx, ops)
    const b = await harvestAll(ctx, ops)
    const [da, db] = [digest(a.records), digest(b.records)]
    // Only a change on the target in between excuses a difference: a record modified after the first harvest began.
    for (const [entity, h] of da) {
      if (db.get(entity) === h) continue
      const changed = (b.records.get(entity) ?? []).filter((r) => Date.parse(String((r.meta as { modified?: unknown })?.modified)) >= started - 1000)
      if (changed.length) {
        ctx.note({ en: `${entity} differs, but ${changed.length} record(s) were modified during the harvests`, sv: `${entity} skiljer sig, men ${changed.length} post(er) ändrades under hämtningarna` })
        continue
      }
      ctx.report({ en: `the two harvests of ${entity} differ`, sv: `de två hämtningarna av ${entity} skiljer sig åt` }, { expected: `sha256 ${h}`, actual: `sha256 ${db.get(entity)}`, evidence: [...a.exchanges.slice(0, 1), ...b.exchanges.slice(0, 1)] })
    }
    ctx.note([...da].map(([e, h]) => `${e}: ${h.slice(0, 16)}`).join(', '))
  },
})
