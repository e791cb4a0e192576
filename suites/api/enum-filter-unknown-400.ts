import { defineCheck } from '../../src/core/check.js'
import { enumFilter, listOps, requiredQuery } from './_shared.js'

export default defineCheck({
  id: 'API-FILTER-005',
  title: {
    en: 'An enumerated filter with a value outside its enumeration is refused with 400',
    sv: 'Ett uppräkningsfilter med ett värde utanför uppräkningen nekas med 400',
  },
  requirements: ['SS12000-REQUEST-SCHEMA', 'SS12000-ERROR-BODY'],
  // The spec declares the enumeration but names 400 only for pageToken misuse: refusing is expected, not stated.
  severity: 'should',
  profiles: ['core', 'full-2.1'],
  needs: ['API-CAPABILITY-001'],
  forEach: (ops) => listOps(ops).filter((o) => enumFilter(o)),
  async run(ctx, op) {
    const f = enumFilter(op)!
    const res = await ctx.call(op, { query: { ...requiredQuery(op), [f.name]: 'KonformNoSuchValue', limit: 1 } })
    ctx.expectStatus(res, 400, {
      en: `${op.key} accepted ${f.name}=KonformNoSuchValue (allowed: ${f.values.join(', ')})`,
      sv: `${op.key} godtog ${f.name}=KonformNoSuchValue (tillåtna: ${f.values.join(', ')})`,
    })
    ctx.expectErrorBody(res)
  },
})
