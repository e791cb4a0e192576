import { defineCheck } from '../../src/core/check.js'
import { pagedListOps, requiredQuery } from './_shared.js'

export default defineCheck({
  id: 'API-PAGING-005',
  title: {
    en: 'A limit that is not an integer (abc, 2.5) is refused with 400 and an Error body',
    sv: 'Ett limit som inte är ett heltal (abc, 2.5) nekas med 400 och en Error-kropp',
  },
  requirements: ['SS12000-PARAM-LIMIT', 'SS12000-REQUEST-SCHEMA', 'SS12000-ERROR-BODY'],
  // limit is `type: integer`; the spec names 400 only for pageToken misuse: refusing is expected, not stated.
  severity: 'should',
  profiles: ['full-2.1'],
  needs: ['API-CAPABILITY-001'],
  forEach: pagedListOps,
  async run(ctx, op) {
    for (const limit of ['abc', '2.5']) {
      const res = await ctx.call(op, { query: { ...requiredQuery(op), limit } })
      ctx.expectStatus(res, 400, { en: `${op.key} accepted limit=${limit}`, sv: `${op.key} godtog limit=${limit}` })
      ctx.expectErrorBody(res)
    }
  },
})
