import { defineCheck } from '../../src/core/check.js'
import { requiredQuery } from '../api/_shared.js'
import { exportLists } from './_shared.js'

export default defineCheck({
  id: 'EXPORT-ACCESS-001',
  title: {
    en: 'Every list of the profile is served to the customer’s read credential (nothing is “not exportable”)',
    sv: 'Varje lista i profilen levereras till kundens läsbehörighet (inget är ”inte exporterbart”)',
  },
  requirements: ['EU-DA-23', 'EU-DA-30.2'],
  severity: 'must',
  profiles: ['core', 'skolverket-dnp'],
  forEach: exportLists,
  async run(ctx, op) {
    // An absent or refused list is a gap in the export, never a pass (Data Act Art. 23(c)).
    const res = await ctx.call(op, { query: { ...requiredQuery(op) } })
    ctx.expectStatus(res, 200, {
      en: `${op.key} is not served to the customer's read credential, so it cannot be exported`,
      sv: `${op.key} levereras inte till kundens läsbehörighet och kan därför inte exporteras`,
    })
    ctx.expectJson(res, { en: `the answer of ${op.key}`, sv: `svaret från ${op.key}` })
  },
})
