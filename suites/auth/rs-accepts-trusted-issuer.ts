import { defineCheck } from '../../src/core/check.js'
import { requiredQuery } from '../api/_shared.js'
import { needsIssuer, oneListOp } from './_issuer.js'

export default defineCheck({
  id: 'AUTH-RS-011',
  title: {
    en: "A valid token from the trusted test issuer is accepted (the control for AUTH-RS-003 to 006)",
    sv: 'En giltig token från den betrodda testutfärdaren godtas (kontrollen för AUTH-RS-003 till 006)',
  },
  requirements: ['RFC6750-2.1', 'RFC7519-7.2'],
  severity: 'must',
  profiles: ['core', 'skolverket-dnp'],
  needs: ['API-CAPABILITY-001'],
  appliesTo: needsIssuer,
  forEach: oneListOp,
  async run(ctx, op) {
    // Without this control a target that trusts no one would "refuse" every bad token and pass the others.
    const res = await ctx.call(op, { query: { ...requiredQuery(op), limit: 1 }, auth: { bearer: await ctx.mintToken('valid') } })
    const t = ctx.plan.issuer!
    const dnp = t.dnpLocation ? ` organization_id SE2021004185 and requested_access [{type: ss12000-api, locations: [${t.dnpLocation}]}]` : ''
    ctx.note({
      en:
        `The target trusts konform's test issuer: iss ${t.issuer}, aud ${t.audience}` +
        (dnp ? `, DNP claims${dnp}` : '') +
        '. On a vendor system: configure the same in a test environment (konform auth issuer serves the JWKS).',
      sv:
        `Målet litar på konforms testutfärdare: iss ${t.issuer}, aud ${t.audience}` +
        (dnp ? `, DNP-anspråken${dnp.replace(' and ', ' och ')}` : '') +
        '. I en leverantörs system: ställ in detsamma i en testmiljö (konform auth issuer tillhandahåller JWKS).',
    })
    ctx.expectStatus(res, 200, {
      en: `${op.key} refused a valid token of the issuer it was configured to trust (check iss, audience and JWKS)`,
      sv: `${op.key} avvisade en giltig token från den utfärdare den är konfigurerad att lita på (kontrollera iss, audience och JWKS)`,
    })
  },
})
