import { defineCheck } from '../../src/core/check.js'

export default defineCheck({
  id: 'AUTH-TOKEN-003',
  title: {
    en: 'The token endpoint refuses a grant type it does not support with 400 unsupported_grant_type',
    sv: 'Tokenändpunkten nekar en grant-typ den inte stöder med 400 unsupported_grant_type',
  },
  requirements: ['RFC6749-5.2'],
  severity: 'must',
  profiles: ['core', 'full-2.1'],
  appliesTo: (plan) => plan.authKind === 'client-credentials' || { en: 'the run uses no token endpoint (give --token-url and --client-id)', sv: 'körningen använder ingen token-endpoint (ange --token-url och --client-id)' },
  async run(ctx) {
    const res = await ctx.requestToken({ grantType: 'urn:konform:no-such-grant' })!
    if (res.status >= 200 && res.status < 300) ctx.fail({ en: 'the token endpoint issued a token for an unknown grant type', sv: 'token-endpointen utfärdade en token för en okänd grant_type' }, { evidence: [res.exchangeId] })
    ctx.expectStatus(res, 400, { en: 'the token endpoint did not answer an unknown grant type with 400', sv: 'token-endpointen svarade inte 400 på en okänd grant_type' })
    const error = (res.json as { error?: unknown } | undefined)?.error
    if (error !== 'unsupported_grant_type') {
      ctx.fail({ en: 'the error is not unsupported_grant_type', sv: 'felet är inte unsupported_grant_type' }, { expected: '{"error": "unsupported_grant_type"}', actual: `error: ${JSON.stringify(error)}`, evidence: [res.exchangeId] })
    }
  },
})
