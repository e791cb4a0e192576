import { defineCheck } from '../../src/core/check.js'
import { DELETED, exportLists, walkDeleted, walkList } from './_shared.js'

export default defineCheck({
  id: 'EXPORT-WALK-002',
  title: {
    en: 'Every list can be walked to its end by following pageToken (no repeated token, no endless pages)',
    sv: 'Varje lista kan gås igenom till slutet genom att följa pageToken (ingen upprepad token, inga ändlösa sidor)',
  },
  requirements: ['SS12000-LIST-ENVELOPE', 'SS12000-PARAM-PAGETOKEN', 'EU-DA-23'],
  severity: 'must',
  profiles: ['core', 'skolverket-dnp'],
  forEach: exportLists,
  async run(ctx, op) {
    // Small pages, so that even a short list takes several: the walk must reach a page without pageToken.
    if (op.key === DELETED) {
      const w = await walkDeleted(ctx, op, { limit: 2 })
      const ids = [...w.ids.values()].reduce((n, l) => n + l.length, 0)
      ctx.note({ en: `${ids} deleted ids in ${w.exchanges.length} page(s) with limit=2`, sv: `${ids} borttagna id:n på ${w.exchanges.length} sida/sidor med limit=2` })
      return
    }
    const w = await walkList(ctx, op, { limit: 5 })
    ctx.note({ en: `${w.records.length} records in ${w.pages} page(s) with limit=5`, sv: `${w.records.length} poster på ${w.pages} sida/sidor med limit=5` })
  },
})
