import { CheckSkip } from '../../src/core/failure.js'
import { defineCheck, type CheckId } from '../../src/core/check.js'
import { describe, describeSv, needsClient, observe } from './_fedtls-client.js'

export default defineCheck({
  id: 'AUTH-FEDTLS-CLI-002' as CheckId, // two-part topic: the template type cannot infer it
  title: {
    en: 'A client that meets a server certificate whose pin the metadata does not publish aborts before sending any request or token',
    sv: 'En klient som möter ett servercertifikat vars pinne metadatan inte publicerar avbryter innan den skickar något anrop eller token',
  },
  requirements: ['FEDTLS-PINS', 'FEDTLS-AUTH'],
  severity: 'must',
  profiles: ['fedtls-client'],
  appliesTo: needsClient,
  async run(ctx) {
    const { seen, evidence } = await observe(ctx, 'unpinned-server')
    const sent = seen.connections.filter((c) => c.requests.length)
    if (sent.length) {
      const token = sent.some((c) => c.requests.some((r) => r.authorization))
      ctx.fail(
        token
          ? { en: 'the client sent a request with its Authorization header to a server whose certificate is not pinned (a man in the middle gets its token)', sv: 'klienten skickade ett anrop med sitt Authorization-huvud till en server vars certifikat inte är pinnat (en mellanhand får dess token)' }
          : { en: 'the client sent a request to a server whose certificate is not pinned', sv: 'klienten skickade ett anrop till en server vars certifikat inte är pinnat' },
        {
          expected: { en: 'the connection ended in or right after the handshake, no HTTP request', sv: 'anslutningen avslutad i eller direkt efter handskakningen, inget HTTP-anrop' },
          actual: { en: sent.map(describe).join('; '), sv: sent.map(describeSv).join('; ') },
          evidence,
        },
      )
    }
    if (!seen.connections.some((c) => c.listener === 'pinned')) {
      throw new CheckSkip({
        en: 'the client made no connection to the server while it presented the unpinned certificate, so whether it would abort cannot be seen',
        sv: 'klienten anslöt inte till servern medan den visade det opinnade certifikatet, så om den skulle avbryta kan inte ses',
      })
    }
    ctx.note({ en: 'the client ended the connection without a request: nothing reached the unpinned server', sv: 'klienten avslutade anslutningen utan någon begäran: ingenting nådde den opinnade servern' })
  },
})
