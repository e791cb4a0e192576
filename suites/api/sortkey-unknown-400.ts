import { defineCheck } from '../../src/core/check.js'
import { hasParam, listOps, paramEnum, requiredQuery } from './_shared.js'

export default defineCheck({
  id: 'API-SORT-001',
  title: {
    en: 'A sortkey outside the operation’s enumeration is refused with 400',
    sv: 'En sortkey utanför operationens uppräkning nekas med 400',
  },
  requirements: ['SS12000-SORTKEY', 'SS12000-REQUEST-SCHEMA', 'SS12000-ERROR-BODY'],
  severity: 'should',
  profiles: ['core', 'full-2.1'],
  needs: ['API-CAPABILITY-001'],
  forEach: (ops) => listOps(ops).filter((o) => hasParam(o, 'sortkey')),
  async run(ctx, op) {
    const res = await ctx.call(op, { query: { ...requiredQuery(op), sortkey: 'KonformNoSuchKey', limit: 1 } })
    ctx.expectStatus(res, 400, {
      en: `${op.key} accepted sortkey=KonformNoSuchKey (allowed: ${paramEnum(op, 'sortkey').join(', ')})`,
      sv: `${op.key} godtog sortkey=KonformNoSuchKey (tillåtna: ${paramEnum(op, 'sortkey').join(', ')})`,
    })
    ctx.expectErrorBody(res)
  },
})
