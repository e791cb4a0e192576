import { defineCheck } from '../../src/core/check.js'
import { listOps, requiredQuery } from '../api/_shared.js'

// Shaped like a JWT (header.payload.signature) so a server that only checks the shape is caught too.
const FORGED =
  'eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJrb25mb3JtLWZvcmdlZCIsImV4cCI6NDEwMjQ0NDgwMH0.a29uZm9ybS1mb3JnZWQtc2lnbmF0dXJl'

export default defineCheck({
  id: 'AUTH-RS-002',
  title: { en: 'Requests with a forged access token are refused', sv: 'Anrop med en förfalskad åtkomsttoken nekas' },
  requirements: ['SS12000-SECURITY-BEARER', 'RFC6750-3.1'],
  severity: 'must',
  profiles: ['core', 'skolverket-dnp', 'full-2.1'],
  needs: ['API-CAPABILITY-001'],
  forEach: (ops) => listOps(ops),
  async run(ctx, op) {
    const res = await ctx.call(op, { query: { ...requiredQuery(op), limit: 1 }, auth: { bearer: FORGED } })
    ctx.expectStatus(res, [401, 403], { en: `${op.key} was served with a forged token`, sv: `${op.key} besvarades med en förfalskad token` })
  },
})
