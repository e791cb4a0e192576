import { defineCheck } from '../../src/core/check.js'
import { lookupOps, sampleIdentified } from './_shared.js'

export default defineCheck({
  id: 'API-SCHEMA-003',
  title: {
    en: 'A lookup answer validates against the schema the spec declares for it (a bare array)',
    sv: 'Ett uppslagssvar validerar mot det schema som specifikationen anger för det (en array)',
  },
  requirements: ['SS12000-RESPONSE-SCHEMA', 'SS12000-LOOKUP'],
  severity: 'must',
  profiles: ['core', 'full-2.1'],
  needs: ['API-CAPABILITY-001'],
  forEach: lookupOps,
  async run(ctx, op) {
    const records = await sampleIdentified(ctx, op, 2)
    const res = await ctx.call(op, { body: { ids: records.map((r) => String(r.id)) } })
    ctx.expectStatus(res, 200, { en: `${op.key} did not answer 200`, sv: `${op.key} svarade inte 200` })
    ctx.expectResponseSchema(res, op)
  },
})
