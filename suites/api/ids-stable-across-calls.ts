import { defineCheck } from '../../src/core/check.js'
import { CheckSkip } from '../../src/core/failure.js'
import { few, listOps, walkPages } from './_shared.js'

export default defineCheck({
  id: 'API-ID-001',
  title: {
    en: 'Record ids are the same from one call to the next',
    sv: 'Posternas id är desamma från ett anrop till nästa',
  },
  requirements: ['SS12000-ID-PERSISTENT'],
  severity: 'must',
  profiles: ['core', 'skolverket-dnp', 'full-2.1'],
  needs: ['API-CAPABILITY-001'],
  forEach: listOps,
  async run(ctx, op) {
    // Whole lists, compared as sets: the default order is unspecified, the ids are not.
    const a = await walkPages(ctx, op, undefined, 1000)
    if (a.ids.length && a.ids.every((k) => k.startsWith('#'))) throw new CheckSkip({ en: `the records ${op.key} serves carry no id`, sv: `posterna som ${op.key} levererar saknar id` })
    const b = await walkPages(ctx, op, undefined, 1000)
    const inB = new Set(b.ids)
    const gone = [...new Set(a.ids)].filter((id) => !inB.has(id))
    if (gone.length) {
      ctx.fail({ en: `ids served by one call of ${op.key} are missing from the next`, sv: `id som ett anrop till ${op.key} levererade saknas i nästa` }, {
        expected: { en: 'the same ids in both calls (no data changed in between)', sv: 'samma id i båda anropen (inga uppgifter ändrades däremellan)' },
        actual: { en: `${gone.length} of ${new Set(a.ids).size} ids differ, e.g. ${few(gone, 3)}`, sv: `${gone.length} av ${new Set(a.ids).size} id skiljer sig, t.ex. ${few(gone, 3)}` },
        evidence: [...a.exchanges.slice(0, 1), ...b.exchanges.slice(0, 1)],
      })
    }
  },
})
