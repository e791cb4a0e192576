import { defineCheck, type CheckId } from '../../src/core/check.js'
import { describe, describeSv, needsClient, observe } from './_fedtls-client.js'

export default defineCheck({
  id: 'AUTH-FEDTLS-CLI-001' as CheckId, // two-part topic: the template type cannot infer it
  title: {
    en: "The client presents a certificate whose SPKI pin is the one the federation metadata registers for it",
    sv: 'Klienten visar ett certifikat vars SPKI-pinne är den som federationsmetadatan registrerar för den',
  },
  requirements: ['FEDTLS-PINS', 'FEDTLS-AUTH'],
  severity: 'must',
  profiles: ['fedtls-client'],
  appliesTo: needsClient,
  async run(ctx) {
    const registered = ctx.plan.fedtlsClient!.clientPin
    const { seen, evidence } = await observe(ctx, 'as-published')
    const shook = seen.connections.filter((c) => c.listener === 'pinned' && c.handshake)
    if (!shook.length) {
      ctx.fail({ en: 'the client made no TLS connection to the server the metadata publishes', sv: 'klienten gjorde ingen TLS-anslutning till servern som metadatan publicerar' }, {
        expected: { en: `a mutual-TLS connection with a certificate pinned as ${registered}`, sv: `en ömsesidig TLS-anslutning med ett certifikat pinnat som ${registered}` },
        actual: { en: seen.connections.map(describe).join('; ') || 'no connection', sv: seen.connections.map(describeSv).join('; ') || 'ingen anslutning' },
        evidence,
      })
    }
    const wrong = shook.filter((c) => c.clientPin !== registered)
    if (wrong.length) {
      ctx.fail({ en: 'the client presented a certificate whose pin is not the one registered for it: a federation server must refuse it', sv: 'klienten visade ett certifikat vars pinne inte är den som registrerats för den: en server i federationen måste neka det' }, {
        expected: `SPKI pin ${registered}`,
        actual: wrong.map((c) => (c.clientPin ? `SPKI pin ${c.clientPin}` : 'no client certificate')).join(', '),
        evidence,
      })
    }
    ctx.note({ en: `client certificate SPKI pin ${registered}, as registered`, sv: `klientcertifikatets SPKI-pinne ${registered}, som registrerad` })
  },
})
