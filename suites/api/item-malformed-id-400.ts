import { defineCheck } from '../../src/core/check.js'
import { itemOps } from './_shared.js'

export default defineCheck({
  id: 'API-ITEM-002',
  title: {
    en: 'An id that is not a UUID is answered 400 with an Error body',
    sv: 'Ett id som inte är ett UUID besvaras med 400 och en Error-kropp',
  },
  requirements: ['SS12000-ITEM-400', 'SS12000-ERROR-BODY'],
  severity: 'must',
  profiles: ['core', 'skolverket-dnp', 'full-2.1'],
  needs: ['API-CAPABILITY-001'],
  forEach: itemOps,
  async run(ctx, op) {
    const res = await ctx.call(op, { path: { id: 'not-a-uuid' } })
    ctx.expectStatus(res, 400, { en: `${op.key} did not refuse the malformed id "not-a-uuid" with 400`, sv: `${op.key} avvisade inte det felformade id:t "not-a-uuid" med 400` })
    ctx.expectErrorBody(res)
  },
})
