import { randomBytes } from 'node:crypto'
import { defineCheck } from '../../src/core/check.js'

export default defineCheck({
  id: 'AUTH-TOKEN-002',
  title: {
    en: 'The token endpoint refuses a wrong client secret with invalid_client',
    sv: 'Tokenändpunkten nekar en felaktig klienthemlighet med invalid_client',
  },
  requirements: ['RFC6749-5.2'],
  severity: 'must',
  profiles: ['core', 'full-2.1'],
  appliesTo: (plan) => plan.authKind === 'client-credentials' || 'the run uses no token endpoint (give --token-url and --client-id)',
  async run(ctx) {
    const res = await ctx.requestToken({ clientSecret: `wrong-${randomBytes(12).toString('hex')}` })!
    if (res.status >= 200 && res.status < 300) ctx.fail('the token endpoint issued a token for a wrong client secret', { evidence: [res.exchangeId] })
    // konform authenticates with HTTP Basic, so RFC 6749 5.2 asks for 401 and a WWW-Authenticate challenge.
    ctx.expectStatus(res, 401, 'the token endpoint did not answer a wrong client secret with 401')
    const error = (res.json as { error?: unknown } | undefined)?.error
    if (error !== 'invalid_client') ctx.report('the error is not invalid_client', { expected: '{"error": "invalid_client"}', actual: `error: ${JSON.stringify(error)}`, evidence: [res.exchangeId] })
    if (!res.headers['www-authenticate']) ctx.report('the 401 answer has no WWW-Authenticate header', { expected: 'WWW-Authenticate: Basic …', evidence: [res.exchangeId] })
  },
})
