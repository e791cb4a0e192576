import { CheckSkip } from '../../src/core/failure.js'
import { defineCheck } from '../../src/core/check.js'
import { hasParam, listOps, pageData, references, requiredQuery } from './_shared.js'

export default defineCheck({
  id: 'API-ERN-002',
  title: {
    en: 'With expandReferenceNames=true every reference carries its displayName',
    sv: 'Med expandReferenceNames=true har varje referens sitt displayName',
  },
  requirements: ['SS12000-ERN'],
  severity: 'must',
  profiles: ['core', 'full-2.1'],
  needs: ['API-CAPABILITY-001'],
  forEach: (ops) => listOps(ops).filter((o) => hasParam(o, 'expandReferenceNames')),
  async run(ctx, op) {
    const res = await ctx.call(op, { query: { ...requiredQuery(op), expandReferenceNames: true, limit: hasParam(op, 'limit') ? 50 : undefined } })
    const refs = pageData(ctx, res, op).flatMap((r) => references(r, ''))
    if (!refs.length) throw new CheckSkip({ en: `the records ${op.key} served hold no references`, sv: `posterna som ${op.key} levererade innehåller inga referenser` })
    const bare = refs.filter((r) => !r.named)
    if (bare.length) {
      ctx.fail({ en: 'references lack displayName although expandReferenceNames=true was asked for', sv: 'referenser saknar displayName fast expandReferenceNames=true begärdes' }, {
        expected: { en: 'every reference as {id, displayName}', sv: 'varje referens som {id, displayName}' },
        actual: { en: `${bare.length} of ${refs.length} without displayName, e.g. at ${bare[0].path}`, sv: `${bare.length} av ${refs.length} utan displayName, t.ex. vid ${bare[0].path}` },
        evidence: [res.exchangeId],
      })
    }
    ctx.note({ en: `${refs.length} references looked at`, sv: `${refs.length} referenser granskade` })
  },
})
