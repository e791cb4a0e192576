import { CheckSkip } from '../../src/core/failure.js'
import { defineCheck } from '../../src/core/check.js'
import { hasParam, listOps, pageData, references, requiredQuery } from './_shared.js'

export default defineCheck({
  id: 'API-ERN-001',
  title: {
    en: 'References carry no displayName unless expandReferenceNames=true is asked for',
    sv: 'Referenser har inget displayName om inte expandReferenceNames=true efterfrågas',
  },
  requirements: ['SS12000-ERN'],
  severity: 'must',
  profiles: ['core', 'skolverket-dnp', 'full-2.1'],
  needs: ['API-CAPABILITY-001'],
  forEach: (ops) => listOps(ops).filter((o) => hasParam(o, 'expandReferenceNames')),
  async run(ctx, op) {
    const res = await ctx.call(op, { query: { ...requiredQuery(op), limit: hasParam(op, 'limit') ? 50 : undefined } })
    const refs = pageData(ctx, res, op).flatMap((r) => references(r, ''))
    if (!refs.length) throw new CheckSkip({ en: `the records ${op.key} served hold no references`, sv: `posterna som ${op.key} levererade innehåller inga referenser` })
    const named = refs.filter((r) => r.named)
    if (named.length) {
      ctx.fail({ en: 'references carry displayName although expandReferenceNames was not set', sv: 'referenser har displayName fast expandReferenceNames inte angavs' }, {
        expected: { en: 'references as {id} only', sv: 'referenser som bara {id}' },
        actual: { en: `${named.length} of ${refs.length} references have displayName, e.g. at ${named[0].path}`, sv: `${named.length} av ${refs.length} referenser har displayName, t.ex. vid ${named[0].path}` },
        evidence: [res.exchangeId],
      })
    }
    ctx.note({ en: `${refs.length} references looked at`, sv: `${refs.length} referenser granskade` })
  },
})
