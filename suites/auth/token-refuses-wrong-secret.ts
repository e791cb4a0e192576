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
      ? { en: 'the run uses no token endpoint (give --token-url and --client-id)', sv: 'körningen använder ingen token-endpoint (ange --token-url och --client-id)' }
      : isMtlsClientAuth(plan.clientAuth)
        ? {
            en: `${plan.clientAuth} sends no secret or key to get wrong: AUTH-TOKEN-004 checks the refusal of a client without its certificate`,
            sv: `${plan.clientAuth} skickar ingen hemlighet eller nyckel som kan vara fel: AUTH-TOKEN-004 kontrollerar att en klient utan sitt certifikat nekas`,
          }
        : true,
  async run(ctx) {
    const res = await ctx.requestToken({ wrongCredential: true })!
    const basic = (ctx.plan.clientAuth ?? 'client_secret_basic') === 'client_secret_basic'
    if (res.status >= 200 && res.status < 300) ctx.fail({ en: 'the token endpoint issued a token for a wrong client credential', sv: 'token-endpointen utfärdade en token för fel klientuppgifter' }, { evidence: [res.exchangeId] })
    // With HTTP Basic RFC 6749 5.2 asks for 401 and a WWW-Authenticate challenge; otherwise 400 or 401.
    ctx.expectStatus(res, basic ? 401 : [400, 401], {
      en: 'the token endpoint did not refuse a wrong client credential with 401 (400 without HTTP Basic)',
      sv: 'token-endpointen avvisade inte fel klientuppgifter med 401 (400 utan HTTP Basic)',
    })
    const error = (res.json as { error?: unknown } | undefined)?.error
    if (error !== 'invalid_client') ctx.report({ en: 'the error is not invalid_client', sv: 'felet är inte invalid_client' }, { expected: '{"error": "invalid_client"}', actual: `error: ${JSON.stringify(error)}`, evidence: [res.exchangeId] })
    if (basic && !res.headers['www-authenticate']) ctx.report({ en: 'the 401 answer has no WWW-Authenticate header', sv: '401-svaret har inget WWW-Authenticate-huvud' }, { expected: 'WWW-Authenticate: Basic …', evidence: [res.exchangeId] })
  },
})
