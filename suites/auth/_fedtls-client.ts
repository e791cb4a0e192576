// Helpers of the FedTLS client checks (profile fedtls-client): a FedTLS client is pointed at konform, which
// publishes the federation's metadata and is the server the client connects to (src/auth/fedtls-client-harness.ts).

import type { ClientScenario, ConnectionSeen, Observation } from '../../src/auth/fedtls-client-harness.js'
import type { CheckContext, PlanView } from '../../src/core/context.js'
import type { Bilingual } from '../../src/core/result.js'
import { CheckSkip } from '../../src/core/failure.js'

const NO_CLIENT: Bilingual = {
  en: 'no FedTLS client is pointed at konform: these checks test a client, not the API at --target. On the built-in path konform run --profile fedtls-client drives konform\'s reference client; for a vendor\'s client run konform auth fedtls-client-test --client-cert FILE (konform publishes the metadata and is the test server the client calls)',
  sv: 'ingen FedTLS-klient är riktad mot konform: dessa kontroller testar en klient, inte API:t på --target. I den inbyggda körningen driver konform run --profile fedtls-client konforms referensklient; för en leverantörs klient kör konform auth fedtls-client-test --client-cert FIL (konform publicerar metadatan och är testservern som klienten anropar)',
}

export const needsClient = (plan: PlanView): true | Bilingual => (plan.fedtlsClient ? true : NO_CLIENT)

/** The scenario observed (one at a time), with the metadata konform published for it fetched as evidence. */
export async function observe(ctx: CheckContext, scenario: ClientScenario): Promise<{ seen: Observation; evidence: string[] }> {
  const s = ctx.plan.fedtlsClient!
  return s.exclusive(async () => {
    let md: { exchangeId: string } | undefined
    const seen = await s.observe(scenario, async () => {
      md = await ctx.send({ method: 'GET', url: s.metadataUrl, headers: { accept: 'application/jose+json' }, auth: 'none' })
    })
    ctx.note({
      en: `${scenario}: the client fetched the metadata ${seen.metadataFetches} time(s); konform saw ${seen.connections.length ? seen.connections.map(describe).join('; ') : 'no connection'}`,
      sv: `${scenario}: klienten hämtade metadatan ${seen.metadataFetches} gång(er); konform såg ${seen.connections.length ? seen.connections.map(describeSv).join('; ') : 'ingen anslutning'}`,
    })
    if (!seen.metadataFetches && !seen.connections.length) {
      throw new CheckSkip({
        en: `the client did nothing while konform offered the ${scenario} scenario (no metadata fetch, no connection); ${s.how}`,
        sv: `klienten gjorde ingenting medan konform erbjöd scenariot ${scenario} (ingen hämtning av metadata, ingen anslutning); ${s.how}`,
      })
    }
    return { seen, evidence: md ? [md.exchangeId] : [] }
  })
}

export function describe(c: ConnectionSeen): string {
  const where = c.listener === 'pinned' ? 'the published server' : 'the new address only the bad metadata names'
  const hs = c.handshake ? `handshake done, client pin ${c.clientPin ?? '(no certificate)'}` : `handshake failed (${c.error ?? 'unknown'})`
  const reqs = c.requests.length ? c.requests.map((r) => `${r.method} ${r.path}${r.authorization ? ' with Authorization' : ''}`).join(', ') : 'no request'
  return `${where} (certificate ${c.presented}): ${hs}, ${reqs}`
}

export function describeSv(c: ConnectionSeen): string {
  const where = c.listener === 'pinned' ? 'den publicerade servern' : 'den nya adressen som bara den felaktiga metadatan anger'
  const hs = c.handshake ? `handskakning klar, klientpinne ${c.clientPin ?? '(inget certifikat)'}` : `handskakningen misslyckades (${c.error ?? 'okänt'})`
  const reqs = c.requests.length ? c.requests.map((r) => `${r.method} ${r.path}${r.authorization ? ' med Authorization' : ''}`).join(', ') : 'ingen begäran'
  return `${where} (certifikat ${c.presented}): ${hs}, ${reqs}`
}
