import { defineCheck } from '../../src/core/check.js'
import { isMtlsClientAuth } from '../../src/http/client-auth.js'

export default defineCheck({
  id: 'AUTH-TOKEN-002',
  title: {
    en: 'The token endpoint refuses a wrong client credential (secret or signing key) with invalid_client',
    sv: 'Tokenändpunkten nekar en felaktig klientuppgift (hemlighet eller signeringsnyckel) med invalid_client',
  },
  requirements: ['RFC6749-5.2'],
  severity: 'must',
  profiles: ['core', 'full-2.1'],
  appliesTo: (plan) =>
    plan.authKind !== 'client-credentials'
      ? 'the run uses no token endpoint (give --token-url and --client-id)'
      : isMtlsClientAuth(plan.clientAuth)
        ? `${plan.clientAuth} sends no secret or key to get wrong: AUTH-TOKEN-004 checks the refusal of a client without its certificate`
        : true,
  async run(ctx) {
    const res = await ctx.requestToken({ wrongCredential: true })!
    const basic = (ctx.plan.clientAuth ?? 'client_secret_basic') === 'client_secret_basic'
    if (res.status >= 200 && res.status < 300) ctx.fail('the token endpoint issued a token for a wrong client credential', { evidence: [res.exchangeId] })
    // With HTTP Basic RFC 6749 5.2 asks for 401 and a WWW-Authenticate challenge; otherwise 400 or 401.
    ctx.expectStatus(res, basic ? 401 : [400, 401], 'the token endpoint did not refuse a wrong client credential with 401 (400 without HTTP Basic)')
    const error = (res.json as { error?: unknown } | undefined)?.error
    if (error !== 'invalid_client') ctx.report('the error is not invalid_client', { expected: '{"error": "invalid_client"}', actual: `error: ${JSON.stringify(error)}`, evidence: [res.exchangeId] })
    if (basic && !res.headers['www-authenticate']) ctx.report('the 401 answer has no WWW-Authenticate header', { expected: 'WWW-Authenticate: Basic …', evidence: [res.exchangeId] })
  },
})
