import { CheckSkip } from '../../src/core/failure.js'
import { defineCheck, type CheckId } from '../../src/core/check.js'
import type { ClientScenario } from '../../src/auth/fedtls-client-harness.js'
import { describe, describeSv, needsClient, observe } from './_fedtls-client.js'

const WHAT: Record<string, { en: string; sv: string }> = {
  'expired-metadata': { en: 'an expired metadata document', sv: 'ett utgånget metadatadokument' },
  'tampered-metadata': { en: 'a metadata document whose signature does not verify', sv: 'ett metadatadokument vars signatur inte håller' },
}

export default defineCheck({
  id: 'AUTH-FEDTLS-CLI-003' as CheckId, // two-part topic: the template type cannot infer it
  title: {
    en: 'The client refuses expired or badly signed metadata: it makes no connection to a server only such a document pins',
    sv: 'Klienten vägrar utgången eller felaktigt signerad metadata: den ansluter inte till en server som bara ett sådant dokument pinnar',
  },
  requirements: ['FEDTLS-MD-SIGNING', 'FEDTLS-MD-EXPIRY'],
  severity: 'must',
  profiles: ['fedtls-client'],
  appliesTo: needsClient,
  async run(ctx) {
    for (const scenario of ['expired-metadata', 'tampered-metadata'] as ClientScenario[]) {
      const { seen, evidence } = await observe(ctx, scenario)
      const w = WHAT[scenario]
      if (!seen.metadataFetches) {
        throw new CheckSkip({ en: `the client did not fetch the metadata while konform published ${w.en}, so its refusal cannot be seen`, sv: `klienten hämtade inte metadatan medan konform publicerade ${w.sv}, så dess vägran kan inte ses` })
      }
      if (!seen.connections.length) {
        throw new CheckSkip({ en: `the client fetched ${w.en} but made no connection afterwards, so whether it took the document cannot be seen`, sv: `klienten hämtade ${w.sv} men anslöt inte därefter, så om den tog dokumentet i bruk kan inte ses` })
      }
      const fresh = seen.connections.filter((c) => c.listener === 'new')
      if (fresh.length) {
        ctx.report({ en: `the client took ${w.en} and connected to the server it pins`, sv: `klienten tog ${w.sv} i bruk och anslöt till servern som det pinnar` }, {
          expected: { en: 'the document refused; the metadata taken before kept, or none trusted', sv: 'dokumentet vägrat; den tidigare metadatan behållen, eller ingen betrodd' },
          actual: { en: fresh.map(describe).join('; '), sv: fresh.map(describeSv).join('; ') },
          evidence,
        })
      } else ctx.note({ en: `${scenario}: refused, no connection to the server only that document pins`, sv: `${scenario}: nekad, ingen anslutning till servern som bara det dokumentet pinnar` })
    }
  },
})
