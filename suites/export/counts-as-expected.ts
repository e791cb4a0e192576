import { defineCheck } from '../../src/core/check.js'
import { entityOf, idOf, profileOps, recordLists, walkList } from './_shared.js'

export default defineCheck({
  id: 'EXPORT-COUNTS-012',
  title: {
    en: 'Each list holds as many records as the customer expects (within the stated tolerance)',
    sv: 'Varje lista innehåller så många poster som kunden förväntar sig (inom angiven tolerans)',
  },
  requirements: ['EU-DA-23', 'EU-DA-2.38'],
  severity: 'should',
  profiles: ['core', 'skolverket-dnp'],
  appliesTo: (plan) => (plan.expectedCounts ? true : { en: "needs the customer's expected counts (--expected-counts FILE)", sv: 'kräver kundens förväntade antal (--expected-counts FILE)' }),
  async run(ctx) {
    const expected = ctx.plan.expectedCounts!
    const lists = new Map(recordLists(profileOps(ctx)).map((op) => [entityOf(op), op]))
    ctx.note({ en: `expected counts from ${expected.source}, tolerance ${expected.tolerance * 100}%`, sv: `förväntade antal från ${expected.source}, tolerans ${expected.tolerance * 100} %` })
    for (const [entity, want] of Object.entries(expected.counts)) {
      const op = lists.get(entity)
      if (!op) {
        ctx.report({ en: `${want} ${entity} record(s) are expected, but the profile exports no list of ${entity}`, sv: `${want} post(er) av typen ${entity} förväntas, men profilen exporterar ingen lista över ${entity}` }, { expected: { en: `GET /${entity} in the profile`, sv: `GET /${entity} i profilen` } })
        continue
      }
      const w = await walkList(ctx, op)
      const got = new Set(w.records.map((r) => String(idOf(r)))).size
      const slack = Math.floor(want * expected.tolerance)
      ctx.note({ en: `${entity}: ${got} exported, ${want} expected`, sv: `${entity}: ${got} exporterade, ${want} förväntade` })
      if (Math.abs(got - want) > slack) {
        ctx.report({ en: `${op.key} exports ${got} record(s), the customer expects ${want}`, sv: `${op.key} exporterar ${got} post(er), kunden förväntar sig ${want}` }, {
          expected: `${want}${slack ? ` ± ${slack}` : ''}`,
          actual: String(got),
          evidence: w.exchanges,
        })
      }
    }
  },
})
