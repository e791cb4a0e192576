import { defineCheck } from '../../src/core/check.js'
import { listOps, requiredQuery } from '../api/_shared.js'

export default defineCheck({
  id: 'AUTH-RS-001',
  title: { en: 'Requests without an access token are refused', sv: 'Anrop utan åtkomsttoken nekas' },
  requirements: ['SS12000-SECURITY-BEARER', 'RFC6750-3.1', 'RFC6750-3'],
  severity: 'must',
  profiles: ['core', 'skolverket-dnp', 'full-2.1'],
  needs: ['API-CAPABILITY-001'],
  forEach: (ops) => listOps(ops),
  async run(ctx, op) {
    const res = await ctx.call(op, { query: { ...requiredQuery(op), limit: 1 }, auth: 'none' })
    // SS 12000 declares 403 for refused access; RFC 6750 says 401 with WWW-Authenticate. Either refuses.
    ctx.expectStatus(res, [401, 403], { en: `${op.key} was served without a token`, sv: `${op.key} besvarades utan token` })
    // A 401 must say how to authenticate (RFC 6750 3); 403 is what SS 12000 itself names, and needs no challenge.
    if (res.status === 401 && !/^\s*Bearer\b/i.test(res.headers['www-authenticate'] ?? '')) {
      ctx.fail({ en: 'the 401 answer has no WWW-Authenticate: Bearer challenge', sv: '401-svaret har ingen WWW-Authenticate: Bearer-utmaning' }, {
        expected: 'WWW-Authenticate: Bearer …',
        actual: res.headers['www-authenticate'] ? `WWW-Authenticate: ${res.headers['www-authenticate']}` : { en: 'no WWW-Authenticate header', sv: 'inget WWW-Authenticate-huvud' },
        evidence: [res.exchangeId],
      })
    }
  },
})
