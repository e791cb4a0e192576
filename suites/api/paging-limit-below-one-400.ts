import { defineCheck } from '../../src/core/check.js'
import { pagedListOps, requiredQuery } from './_shared.js'

export default defineCheck({
  id: 'API-PAGING-004',
  title: {
    en: 'limit=0 (below the minimum of 1) is refused with 400 and an Error body',
    sv: 'limit=0 (under minimum 1) nekas med 400 och en Error-kropp',
  },
  requirements: ['SS12000-PARAM-LIMIT', 'SS12000-ERROR-BODY'],
  // The spec gives limit `minimum: 1` but lists 400 only for pageToken misuse: refusing is expected, not stated.
  severity: 'should',
  profiles: ['core', 'skolverket-dnp', 'full-2.1'],
  needs: ['API-CAPABILITY-001'],
  forEach: pagedListOps,
  async run(ctx, op) {
    const res = await ctx.call(op, { query: { ...requiredQuery(op), limit: 0 } })
    ctx.expectStatus(res, 400, { en: `${op.key} accepted limit=0`, sv: `${op.key} godtog limit=0` })
    ctx.expectErrorBody(res)
  },
})
