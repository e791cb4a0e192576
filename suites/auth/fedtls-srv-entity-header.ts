import { buildUrl } from '../../src/core/context.js'
import { defineCheck, type CheckId } from '../../src/core/check.js'
import { CheckSkip } from '../../src/core/failure.js'
import { refused } from '../../src/http/tls-probe.js'
import { requiredQuery } from '../api/_shared.js'
import { oneListOp } from './_tls.js'
import { federationEntities, needsUnpinned } from './_fedtls.js'

const HEADER = 'X-FedTLSAuth-Entity-ID'

export default defineCheck({
  id: 'AUTH-FEDTLS-SRV-005' as CheckId, // two-part topic: the template type cannot infer it
  title: {
    en: 'A client entity named in an X-FedTLSAuth-Entity-ID request header is not authenticated by it',
    sv: 'En kliententitet som anges i anropshuvudet X-FedTLSAuth-Entity-ID autentiseras inte av det',
  },
  requirements: ['FEDTLS-IDENTITY', 'FEDTLS-AUTH'],
  severity: 'must',
  profiles: ['fedtls'],
  appliesTo: needsUnpinned,
  forEach: oneListOp,
  async run(ctx, op) {
    const { entities } = await federationEntities(ctx)
    const entity = entities.find((e) => (e.clients ?? []).length)?.entity_id
    if (!entity) throw new CheckSkip({ en: 'the metadata lists no client entity whose identity could be claimed', sv: 'metadatan listar ingen kliententitet vars identitet kunde åberopas' })
    const u = ctx.plan.fedtls!.unpinned!
    const token = await ctx.accessToken()
    const bearer: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {}
    const url = buildUrl(ctx.plan.target, op.path, { ...requiredQuery(op), limit: 1 })
    const claim = { ...bearer, [HEADER]: entity }
    // No certificate at all, the entity claimed in the header (a proxy that trusts what clients send).
    const bare = await ctx.probeTls({ url, ca: ctx.tls?.ca, headers: claim })
    if (!refused(bare)) ctx.fail({ en: `${op.key} was served without a certificate to a request naming ${entity} in ${HEADER}`, sv: `${op.key} besvarades utan certifikat på en begäran som angav ${entity} i ${HEADER}` }, { expected: { en: 'the TLS handshake refused, or HTTP 401/403', sv: 'TLS-handskakningen nekad, eller HTTP 401/403' }, actual: `HTTP ${bare.status}`, evidence: [bare.exchange.id] })
    // An unpinned certificate, the entity claimed in the header.
    const claimed = await ctx.probeTls({ url, ca: ctx.tls?.ca, headers: claim, cert: u.cert, key: u.key })
    if (!refused(claimed)) {
      const plain = await ctx.probeTls({ url, ca: ctx.tls?.ca, headers: bearer, cert: u.cert, key: u.key })
      if (!refused(plain)) throw new CheckSkip({
          en: `the unpinned certificate is served even without ${HEADER}: AUTH-FEDTLS-SRV-004's finding, the header made no difference`,
          sv: `det opinnade certifikatet betjänas även utan ${HEADER}: det är AUTH-FEDTLS-SRV-004:s fynd, huvudet gjorde ingen skillnad`,
        })
      ctx.fail({ en: `${op.key} was served to an unpinned certificate because the request named ${entity} in ${HEADER}`, sv: `${op.key} besvarades för ett opinnat certifikat eftersom begäran angav ${entity} i ${HEADER}` }, {
        expected: { en: 'refused, as without the header', sv: 'nekad, som utan huvudet' },
        actual: `HTTP ${claimed.status} with the header, ${plain.error ?? `HTTP ${plain.status}`} without`,
        evidence: [claimed.exchange.id, plain.exchange.id],
      })
    }
    const b = bare.error ?? `HTTP ${bare.status}`
    const c = claimed.error ?? `HTTP ${claimed.status}`
    ctx.note({
      en: `${HEADER}: ${entity} authenticated nothing (no certificate: ${b}; unpinned certificate: ${c})`,
      sv: `${HEADER}: ${entity} autentiserade ingenting (utan certifikat: ${b}; opinnat certifikat: ${c})`,
    })
  },
})
