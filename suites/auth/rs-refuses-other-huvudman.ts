import { defineCheck } from '../../src/core/check.js'
import { DNP_ACCESS_TYPE } from '../../src/auth/issuer.js'
import { requiredQuery } from '../api/_shared.js'
import { needsIssuer, oneListOp } from './_issuer.js'

export default defineCheck({
  id: 'AUTH-RS-010',
  title: {
    en: "A valid DNP token for another huvudman's API of the same system is refused with 403 on this one's data",
    sv: 'En giltig DNP-token för en annan huvudmans API i samma system nekas med 403 för den här huvudmannens data',
  },
  requirements: ['RFC6750-3.1-SCOPE', 'DNP-AUTH-JWT'],
  severity: 'should',
  profiles: ['skolverket-dnp'],
  needs: ['AUTH-RS-011'],
  appliesTo: (plan) => {
    const issuer = needsIssuer(plan)
    if (issuer !== true) return issuer
    if (!plan.issuer?.dnpLocation) return { en: 'the run does not use DNP-shaped tokens', sv: 'körningen använder inte token i DNP:s form' }
    return plan.issuer.otherLocation
      ? true
      : {
          en: 'no other huvudman is named: give --other-location URL, the API base URL of another huvudman (tenant) on the same system that trusts the same issuer',
          sv: 'ingen annan huvudman anges: ange --other-location URL, API:ets bas-URL för en annan huvudman (tenant) i samma system som litar på samma utfärdare',
        }
  },
  forEach: oneListOp,
  async run(ctx, op) {
    const other = ctx.plan.issuer!.otherLocation!
    // Everything right (signature, iss, aud, organization_id, type) but the location: another huvudman's API.
    const token = await ctx.mintToken('valid', [{ type: DNP_ACCESS_TYPE, locations: [other] }])
    const res = await ctx.call(op, { query: { ...requiredQuery(op), limit: 1 }, auth: { bearer: token } })
    if (res.status >= 200 && res.status < 300) {
      return ctx.fail({
        en: `${op.key} served this huvudman's data to a token for another huvudman (${other})`,
        sv: `${op.key} lämnade ut den här huvudmannens data till en token för en annan huvudman (${other})`,
      }, {
        expected: 'HTTP 403 (Åtkomst nekad, insufficient_scope)',
        actual: `HTTP ${res.status}`,
        evidence: [res.exchangeId],
      })
    }
    ctx.expectStatus(res, 403, {
      en: `${op.key} refused a valid token for another huvudman, but not with 403 Åtkomst nekad (the token is valid; it grants nothing here)`,
      sv: `${op.key} nekade en giltig token för en annan huvudman, men inte med 403 Åtkomst nekad (token är giltig; den ger ingen åtkomst här)`,
    })
    ctx.note({ en: `a DNP token for ${other} was refused with 403 on ${ctx.plan.target}`, sv: `en DNP-token för ${other} nekades med 403 på ${ctx.plan.target}` })
  },
})
