import { CheckSkip } from '../../src/core/failure.js'
import { defineCheck } from '../../src/core/check.js'
import { hasParam, pageData, pagedListOps, requiredQuery } from './_shared.js'

export default defineCheck({
  id: 'API-PAGING-003',
  title: {
    en: 'pageToken combined with a filter is refused with 400 and an Error body',
    sv: 'pageToken tillsammans med ett filter nekas med 400 och en Error-kropp',
  },
  requirements: ['SS12000-PARAM-PAGETOKEN', 'SS12000-ERROR-BODY'],
  severity: 'must',
  profiles: ['core', 'skolverket-dnp', 'full-2.1'],
  needs: ['API-CAPABILITY-001'],
  forEach: (ops) => pagedListOps(ops).filter((o) => hasParam(o, 'meta.modified.after')),
  async run(ctx, op) {
    const first = await ctx.call(op, { query: { ...requiredQuery(op), limit: 1 } })
    pageData(ctx, first, op)
    const token = (first.json as { pageToken?: unknown }).pageToken
    if (typeof token !== 'string' || !token) throw new CheckSkip({ en: `${op.key}?limit=1 gave no pageToken (the list has at most one record)`, sv: `${op.key}?limit=1 gav ingen pageToken (listan har högst en post)` })
    // A filter that matches every record: only its presence next to pageToken is wrong.
    const res = await ctx.call(op, { query: { pageToken: token, 'meta.modified.after': '1970-01-01T00:00:00Z' } })
    ctx.expectStatus(res, 400, { en: `${op.key} accepted pageToken together with meta.modified.after`, sv: `${op.key} godtog pageToken tillsammans med meta.modified.after` })
    ctx.expectErrorBody(res)
  },
})
