import { defineCheck } from '../../src/core/check.js'

export default defineCheck({
  id: 'AUTH-TOKEN-001',
  title: {
    en: 'The token endpoint issues a bearer access token for client credentials',
    sv: 'Tokenändpunkten utfärdar en bearer-åtkomsttoken för klientuppgifter (client credentials)',
  },
  requirements: ['RFC6749-4.4'],
  severity: 'must',
  profiles: ['core', 'full-2.1', 'mtls-token'],
  appliesTo: (plan) => plan.authKind === 'client-credentials' || { en: 'the run uses no token endpoint (give --token-url and --client-id)', sv: 'körningen använder ingen token-endpoint (ange --token-url och --client-id)' },
  async run(ctx) {
    const res = await ctx.requestToken()!
    ctx.expectStatus(res, 200, { en: 'the token endpoint did not issue a token', sv: 'token-endpointen utfärdade ingen token' })
    const body = ctx.expectJson(res, { en: 'the token answer', sv: 'token-svaret' }) as Record<string, unknown>
    if (typeof body?.access_token !== 'string' || !body.access_token) {
      ctx.report({ en: 'the token answer has no access_token', sv: 'token-svaret har ingen access_token' }, { expected: { en: 'access_token: a non-empty string', sv: 'access_token: en icke-tom sträng' }, evidence: [res.exchangeId] })
    }
    if (typeof body?.token_type !== 'string' || body.token_type.toLowerCase() !== 'bearer') {
      ctx.report({ en: 'the token answer does not say token_type "Bearer"', sv: 'token-svaret anger inte token_type "Bearer"' }, {
        expected: { en: 'token_type: "Bearer" (case-insensitive, RFC 6749 7.1)', sv: 'token_type: "Bearer" (oavsett skiftläge, RFC 6749 7.1)' },
        actual: `token_type: ${JSON.stringify(body?.token_type)}`,
        evidence: [res.exchangeId],
      })
    }
    if (body?.expires_in !== undefined && !(typeof body.expires_in === 'number' && body.expires_in > 0)) {
      ctx.report({ en: 'expires_in is not a positive number of seconds', sv: 'expires_in är inte ett positivt antal sekunder' }, { actual: JSON.stringify(body.expires_in), evidence: [res.exchangeId] })
    }
  },
})
