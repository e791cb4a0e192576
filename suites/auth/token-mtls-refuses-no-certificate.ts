import { defineCheck } from '../../src/core/check.js'
import { makeUntrustedClient } from '../../src/reference/pki.js'
import type { TlsProbeResult } from '../../src/http/tls-probe.js'
import { mtlsTokenRequest, needsMtlsClientAuth } from './_rfc8705.js'

export default defineCheck({
  id: 'AUTH-TOKEN-004',
  title: {
    en: 'The token endpoint refuses a mutual-TLS client that presents no certificate or one from an unknown issuer',
    sv: 'Tokenändpunkten nekar en klient med ömsesidig TLS som inte visar något certifikat eller ett från en okänd utfärdare',
  },
  requirements: ['RFC8705-2.1', 'RFC6749-5.2'],
  severity: 'must',
  profiles: ['mtls-token'],
  appliesTo: needsMtlsClientAuth,
  async run(ctx) {
    // The control: with konform's own certificate the same request gets a token, so a refusal below is the certificate's doing.
    const control = await ctx.requestToken()!
    ctx.expectStatus(control, 200, 'the token endpoint did not issue a token to konform with its registered certificate (the control)')
    const clientId = ctx.plan.clientId!
    const rogue = await makeUntrustedClient()
    const attempts: [string, TlsProbeResult][] = [
      ['without a client certificate', await mtlsTokenRequest(ctx, clientId)],
      ['with a self-signed certificate of an issuer nobody trusts', await mtlsTokenRequest(ctx, clientId, rogue)],
    ]
    for (const [what, r] of attempts) {
      const ev = { evidence: [r.exchange.id] }
      if (r.error !== undefined) {
        ctx.note(`${what}: refused at the TLS layer (${r.error})`)
        continue
      }
      const status = r.status ?? 0
      let error: unknown
      try {
        error = (JSON.parse(r.exchange.response?.body ?? '') as { error?: unknown }).error
      } catch {
        error = undefined
      }
      if (status >= 200 && status < 300) {
        ctx.report(`the token endpoint issued a token ${what}`, { expected: 'a TLS refusal, or 400/401 invalid_client (RFC 8705 2)', actual: `HTTP ${status}`, ...ev })
      } else if (status !== 400 && status !== 401) {
        ctx.report(`the token endpoint answered ${status} ${what}`, { expected: 'a TLS refusal, or 400/401 invalid_client (RFC 6749 5.2)', actual: `HTTP ${status}`, ...ev })
      } else if (error !== 'invalid_client') {
        ctx.report(`the token endpoint refused ${what}, but not with invalid_client`, { expected: '{"error": "invalid_client"}', actual: `HTTP ${status}, error ${JSON.stringify(error)}`, ...ev })
      } else {
        ctx.note(`${what}: refused with ${status} invalid_client`)
      }
    }
  },
})
