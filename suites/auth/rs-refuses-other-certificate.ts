import { defineCheck } from '../../src/core/check.js'
import { buildUrl } from '../../src/core/context.js'
import { CheckError } from '../../src/core/failure.js'
import { requiredQuery } from '../api/_shared.js'
import { oneListOp } from './_tls.js'
import { needsMtlsClientAuth } from './_rfc8705.js'

export default defineCheck({
  id: 'AUTH-RS-009',
  title: {
    en: 'A certificate-bound access token presented on a connection with another client certificate is refused with 401',
    sv: 'En certifikatbunden åtkomsttoken som visas på en anslutning med ett annat klientcertifikat nekas med 401',
  },
  requirements: ['RFC8705-3'],
  severity: 'must',
  profiles: ['mtls-token'],
  appliesTo: (plan) => {
    const mtls = needsMtlsClientAuth(plan)
    if (mtls !== true) return mtls
    return plan.otherClientTls
      ? true
      : {
          en: 'no second client certificate: give --other-client-cert and --other-client-key (another certificate the target trusts, e.g. of a second registered client)',
          sv: 'inget andra klientcertifikat: ange --other-client-cert och --other-client-key (ett annat certifikat som målet litar på, t.ex. för en andra registrerad klient)',
        }
  },
  forEach: oneListOp,
  async run(ctx, op) {
    const token = await ctx.accessToken()
    if (!token) throw new CheckError({ en: 'the run has no access token', sv: 'körningen har ingen åtkomsttoken' })
    const url = buildUrl(ctx.plan.target, op.path, { ...requiredQuery(op), limit: 1 })
    const headers = { authorization: `Bearer ${token}` }
    // The control: on a connection with konform's own certificate the token is good.
    const own = await ctx.probeTls({ url, ca: ctx.tls?.ca, cert: ctx.tls?.cert, key: ctx.tls?.key, headers })
    if (own.status !== 200) {
      return ctx.fail({
        en: `${op.key} refused the token on a connection with the certificate it was issued to (the control)`,
        sv: `${op.key} nekade token på en anslutning med det certifikat den utfärdades till (kontrollen)`,
      }, {
        expected: 'HTTP 200',
        actual: own.error ?? `HTTP ${own.status}`,
        evidence: [own.exchange.id],
      })
    }
    const other = ctx.plan.otherClientTls!
    const r = await ctx.probeTls({ url, ca: ctx.tls?.ca, cert: other.cert, key: other.key, headers })
    if (r.error !== undefined) {
      // The TLS layer refused the second certificate: the binding itself was never reached.
      throw new CheckError({ en: `the target refused the second client certificate at the TLS layer (${r.error}); give one it trusts (--other-client-cert)`, sv: `målet nekade det andra klientcertifikatet redan i TLS (${r.error}); ange ett som det litar på (--other-client-cert)` })
    }
    if (r.status !== 401) {
      ctx.fail(
        r.status !== undefined && r.status >= 200 && r.status < 300
          ? {
              en: `${op.key} served a certificate-bound token on a connection with another client certificate`,
              sv: `${op.key} godtog en certifikatbunden token på en anslutning med ett annat klientcertifikat`,
            }
          : {
              en: `${op.key} refused the token on another client's connection with ${r.status}, not 401`,
              sv: `${op.key} nekade token på en annan klients anslutning med ${r.status}, inte 401`,
            },
        {
          expected: { en: 'HTTP 401 with WWW-Authenticate: Bearer error="invalid_token" (RFC 8705 3)', sv: 'HTTP 401 med WWW-Authenticate: Bearer error="invalid_token" (RFC 8705 3)' },
          actual: `HTTP ${r.status}`,
          evidence: [own.exchange.id, r.exchange.id],
        },
      )
    }
    ctx.note({
      en: 'the token was served with its own certificate and refused with 401 on a connection with another one',
      sv: 'token godtogs med sitt eget certifikat och nekades med 401 på en anslutning med ett annat',
    })
  },
})
