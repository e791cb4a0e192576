import { defineCheck } from '../../src/core/check.js'
import { canonical, few, idOf, recordLists, walkList } from './_shared.js'

/** At most this many item requests per list (the rest is stated in a note). */
const SAMPLE = 200

export default defineCheck({
  id: 'EXPORT-ITEM-007',
  title: {
    en: 'Every harvested record equals its single-record answer (GET /x/{id})',
    sv: 'Varje hämtad post är lika med svaret för den enskilda posten (GET /x/{id})',
  },
  requirements: ['SS12000-ID-PERSISTENT', 'EU-DA-30.5'],
  severity: 'must',
  profiles: ['core', 'skolverket-dnp'],
  forEach: (ops) => recordLists(ops).filter((o) => ops.some((i) => i.key === `GET ${o.path}/{id}`)),
  async run(ctx, op) {
    const w = await walkList(ctx, op)
    const sample = w.records.slice(0, SAMPLE)
    if (w.records.length > SAMPLE) ctx.note({ en: `the first ${SAMPLE} of ${w.records.length} records were compared`, sv: `de första ${SAMPLE} av ${w.records.length} poster jämfördes` })
    const differ: string[] = []
    const evidence: string[] = []
    for (const rec of sample) {
      const id = String(idOf(rec))
      const res = await ctx.call(`GET ${op.path}/{id}`, { path: { id } })
      if (res.status !== 200 || canonical(res.json) !== canonical(rec)) {
        differ.push(`${id} (HTTP ${res.status})`)
        evidence.push(res.exchangeId)
      }
    }
    ctx.note({
      en: `${sample.length - differ.length} of ${sample.length} records equal their item answer`,
      sv: `${sample.length - differ.length} av ${sample.length} poster är lika med svaret för den enskilda posten`,
    })
    if (differ.length) {
      ctx.fail({ en: `${differ.length} record(s) of ${op.key} differ from GET ${op.path}/{id}`, sv: `${differ.length} post(er) i ${op.key} skiljer sig från GET ${op.path}/{id}` }, {
        expected: { en: 'the same record from the list and the item endpoint', sv: 'samma post från listan och från den enskilda posten' },
        actual: few(differ),
        evidence: [...w.exchanges.slice(0, 1), ...evidence.slice(0, 20)],
      })
    }
  },
})
