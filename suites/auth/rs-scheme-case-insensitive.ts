import { CheckSkip } from '../../src/core/failure.js'
import { defineCheck } from '../../src/core/check.js'
import { listOps, requiredQuery } from '../api/_shared.js'

export default defineCheck({
  id: 'AUTH-RS-007',
  title: {
    en: 'The authorization scheme is accepted in any letter case ("bearer")',
    sv: 'Autentiseringsschemat godtas oavsett skiftläge ("bearer")',
  },
  requirements: ['RFC7235-2.1', 'SS12000-SECURITY-BEARER'],
  severity: 'must',
  profiles: ['core', 'skolverket-dnp', 'full-2.1'],
  needs: ['API-CAPABILITY-001'],
  forEach: (ops) => listOps(ops).slice(0, 1),
  async run(ctx, op) {
    const token = await ctx.accessToken()
    if (!token) throw new CheckSkip({ en: 'the run has no access token (KONFORM_TOKEN or --token-url)', sv: 'körningen har ingen åtkomsttoken (KONFORM_TOKEN eller --token-url)' })
    const res = await ctx.call(op, { query: { ...requiredQuery(op), limit: 1 }, auth: { bearer: token, scheme: 'bearer' } })
    ctx.expectStatus(res, 200, { en: `${op.key} refused a valid token sent as "Authorization: bearer …"`, sv: `${op.key} avvisade en giltig token som skickades som "Authorization: bearer …"` })
  },
})
