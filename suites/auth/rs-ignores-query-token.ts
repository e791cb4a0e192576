import { CheckSkip } from '../../src/core/failure.js'
import { defineCheck } from '../../src/core/check.js'
import { listOps, requiredQuery } from '../api/_shared.js'

export default defineCheck({
  id: 'AUTH-RS-008',
  title: {
    en: 'An access token in the URL query (?access_token=) is not honoured',
    sv: 'En åtkomsttoken i URL:ens frågedel (?access_token=) godtas inte',
  },
  requirements: ['RFC6750-5.3'],
  severity: 'should',
  profiles: ['core', 'skolverket-dnp', 'full-2.1'],
  needs: ['API-CAPABILITY-001'],
  forEach: (ops) => listOps(ops).slice(0, 1),
  async run(ctx, op) {
    const token = await ctx.accessToken()
    if (!token) throw new CheckSkip({ en: 'the run has no access token (KONFORM_TOKEN or --token-url)', sv: 'körningen har ingen åtkomsttoken (KONFORM_TOKEN eller --token-url)' })
    // The run's token is a known secret: the recorded URL shows it redacted.
    const res = await ctx.call(op, { query: { ...requiredQuery(op), limit: 1, access_token: token }, auth: 'none' })
    if (res.status >= 200 && res.status < 300) {
      ctx.report({ en: `${op.key} served a request whose only credential was ?access_token= in the URL`, sv: `${op.key} besvarade en begäran vars enda behörighetsbevis var ?access_token= i URL:en` }, {
        expected: {
          en: 'a refusal (401/403) or 400: tokens in URLs end up in logs and Referer headers (RFC 6750 5.3)',
          sv: 'ett avvisande (401/403) eller 400: token i URL:er hamnar i loggar och Referer-huvuden (RFC 6750 5.3)',
        },
        actual: `HTTP ${res.status}`,
        evidence: [res.exchangeId],
      })
    }
  },
})
