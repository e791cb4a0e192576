import { defineCheck } from '../../src/core/check.js'
import { hasParam, listOps, requiredQuery } from './_shared.js'

export default defineCheck({
  id: 'API-FILTER-011',
  title: {
    en: 'A meta date-time filter that is not an RFC 3339 date-time (no time zone, or not a date) is refused with 400',
    sv: 'Ett meta-datumfilter som inte är en RFC 3339 date-time (utan tidszon, eller inget datum) nekas med 400',
  },
  requirements: ['SS12000-FILTER-META', 'SS12000-REQUEST-SCHEMA', 'SS12000-ERROR-BODY'],
  // The parameters are `format: date-time` (RFC 3339: the offset is required); the spec names 400 only for
  // pageToken misuse, so refusing is expected, not stated. Without a zone the instant is unknown.
  severity: 'should',
  profiles: ['full-2.1'],
  needs: ['API-CAPABILITY-001'],
  forEach: (ops) => listOps(ops).filter((o) => hasParam(o, 'meta.modified.after')),
  async run(ctx, op) {
    for (const value of ['2020-01-01T00:00:00', 'yesterday']) {
      const res = await ctx.call(op, { query: { ...requiredQuery(op), 'meta.modified.after': value, limit: hasParam(op, 'limit') ? 1 : undefined } })
      ctx.expectStatus(res, 400, { en: `${op.key} accepted meta.modified.after=${value}`, sv: `${op.key} godtog meta.modified.after=${value}` })
      ctx.expectErrorBody(res)
    }
  },
})
