import { defineCheck } from '../../src/core/check.js'
import { hasParam, requiredQuery } from './_shared.js'

export default defineCheck({
  id: 'API-SCHEMA-001',
  title: {
    en: 'A list answer validates against the schema the spec declares for it',
    sv: 'Ett listsvar validerar mot det schema som specifikationen anger för det',
  },
  requirements: ['SS12000-RESPONSE-SCHEMA', 'SS12000-LIST-ENVELOPE'],
  severity: 'must',
  profiles: ['core', 'skolverket-dnp', 'full-2.1'],
  needs: ['API-CAPABILITY-001'],
  forEach: (ops) => ops.filter((o) => o.kind === 'list'),
  async run(ctx, op) {
    const res = await ctx.call(op, { query: { ...requiredQuery(op), limit: hasParam(op, 'limit') ? 50 : undefined } })
    ctx.expectStatus(res, 200, { en: `${op.key} did not answer 200`, sv: `${op.key} svarade inte 200` })
    ctx.expectResponseSchema(res, op)
  },
})
