import { defineCheck } from '../../src/core/check.js'
import { itemOps, sampleIdentified } from './_shared.js'

export default defineCheck({
  id: 'API-SCHEMA-002',
  title: {
    en: 'A single-record answer validates against the schema the spec declares for it',
    sv: 'Ett svar med en enskild post validerar mot det schema som specifikationen anger för det',
  },
  requirements: ['SS12000-RESPONSE-SCHEMA'],
  severity: 'must',
  profiles: ['core', 'skolverket-dnp', 'full-2.1'],
  needs: ['API-CAPABILITY-001'],
  forEach: itemOps,
  async run(ctx, op) {
    const [record] = await sampleIdentified(ctx, op, 1)
    const res = await ctx.call(op, { path: { id: String(record.id) } })
    ctx.expectStatus(res, 200, { en: `${op.key} did not answer 200 for an id its list served`, sv: `${op.key} svarade inte 200 för ett id som listan levererade` })
    ctx.expectResponseSchema(res, op)
  },
})
