import { defineCheck } from '../../src/core/check.js'
import { makeUntrustedClient } from '../../src/reference/pki.js'
import type { TlsProbeResult } from '../../src/http/tls-probe.js'
import type { Bilingual } from '../../src/core/result.js'
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
    ctx.expectStatus(control, 200, {
      en: 'the token endpoint did not issue a token to konform with its registered certificate (the control)',
      sv: 'tokenändpunkten utfärdade ingen token till konform med dess registrerade certifikat (kontrollen)',
    })
    const clientId = ctx.plan.clientId!
    const rogue = await makeUntrustedClient()
    const attempts: [Bilingual, TlsProbeResult][] = [
      [{ en: 'without a client certificate', sv: 'utan klientcertifikat' }, await mtlsTokenRequest(ctx, clientId)],
      [
        { en: 'with a self-signed certificate of an issuer nobody trusts', sv: 'med ett självsignerat certifikat från en utfärdare som ingen litar på' },
        await mtlsTokenRequest(ctx, clientId, rogue),
      ],
    ]
    for (const [what, r] of attempts) {
      const ev = { evidence: [r.exchange.id] }
      if (r.error !== undefined) {
        ctx.note({ en: `${what.en}: refused at the TLS layer (${r.error})`, sv: `${what.sv}: nekades i TLS-lagret (${r.error})` })
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
        ctx.report(
          { en: `the token endpoint issued a token ${what.en}`, sv: `tokenändpunkten utfärdade en token ${what.sv}` },
          { expected: { en: 'a TLS refusal, or 400/401 invalid_client (RFC 8705 2)', sv: 'att anslutningen nekas i TLS-lagret, eller 400/401 invalid_client (RFC 8705 2)' }, actual: `HTTP ${status}`, ...ev },
        )
      } else if (status !== 400 && status !== 401) {
        ctx.report(
          { en: `the token endpoint answered ${status} ${what.en}`, sv: `tokenändpunkten svarade ${status} på en begäran ${what.sv}` },
          { expected: { en: 'a TLS refusal, or 400/401 invalid_client (RFC 6749 5.2)', sv: 'att anslutningen nekas i TLS-lagret, eller 400/401 invalid_client (RFC 6749 5.2)' }, actual: `HTTP ${status}`, ...ev },
        )
      } else if (error !== 'invalid_client') {
        ctx.report(
          { en: `the token endpoint refused ${what.en}, but not with invalid_client`, sv: `tokenändpunkten nekade en begäran ${what.sv}, men inte med invalid_client` },
          { expected: '{"error": "invalid_client"}', actual: `HTTP ${status}, error ${JSON.stringify(error)}`, ...ev },
        )
      } else {
        ctx.note({ en: `${what.en}: refused with ${status} invalid_client`, sv: `${what.sv}: nekades med ${status} invalid_client` })
      }
    }
  },
})
