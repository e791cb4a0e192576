import { defineCheck, type CheckId } from '../../src/core/check.js'
import { federationEntities, needsFederation } from './_fedtls.js'

export default defineCheck({
  id: 'AUTH-FEDTLS-SRV-001' as CheckId, // two-part topic: the template type cannot infer it
  title: {
    en: "The server's certificate has the SPKI pin the federation metadata publishes for the server at that address",
    sv: 'Serverns certifikat har den SPKI-pinne som federationsmetadatan publicerar för servern på den adressen',
  },
  requirements: ['FEDTLS-PINS', 'FEDTLS-AUTH'],
  severity: 'must',
  profiles: ['fedtls'],
  appliesTo: needsFederation,
  async run(ctx) {
    const { entities, exchangeId } = await federationEntities(ctx)
    const host = new URL(ctx.plan.target).host
    const hostOf = (uri: unknown) => {
      try {
        return new URL(String(uri)).host
      } catch {
        return undefined
      }
    }
    const mine = entities.flatMap((e) => (e.servers ?? []).filter((s) => hostOf(s.base_uri) === host).map((s) => ({ entity: e.entity_id, pins: (s.pins ?? []).map((p) => p.digest) })))
    if (!mine.length) {
      ctx.fail({ en: `the metadata publishes no server whose base_uri is at ${host}`, sv: `metadatan publicerar ingen server vars base_uri ligger på ${host}` }, {
        expected: { en: `a server entry with base_uri https://${host}/…`, sv: `en serverpost med base_uri https://${host}/…` },
        actual: entities.flatMap((e) => (e.servers ?? []).map((s) => String(s.base_uri))).join(', ') || 'no servers',
        evidence: [exchangeId],
      })
    }
    // The handshake alone: the pin is the judge, not a CA (a client may trust pins directly). No token is sent.
    const r = await ctx.probeTls({ url: ctx.plan.target, pinsOnly: true, cert: ctx.tls?.cert, key: ctx.tls?.key })
    const pins = mine.flatMap((m) => m.pins)
    const who = [...new Set(mine.map((m) => m.entity))].join(', ')
    if (!r.peerPin) ctx.fail({ en: 'the server presented no certificate', sv: 'servern visade inget certifikat' }, { expected: { en: `a certificate pinned as ${pins.join(' or ')}`, sv: `ett certifikat pinnat som ${pins.join(' eller ')}` }, actual: r.error ?? 'no handshake', evidence: [exchangeId, r.exchange.id] })
    if (!pins.includes(r.peerPin!)) {
      ctx.fail({ en: `the server's certificate is not pinned for ${who}: a federation client must refuse it`, sv: `serverns certifikat är inte pinnat för ${who}: en klient i federationen måste neka det` }, { expected: `SPKI pin ${pins.join(' or ')}`, actual: `SPKI pin ${r.peerPin}`, evidence: [exchangeId, r.exchange.id] })
    }
    ctx.note({ en: `server certificate SPKI pin ${r.peerPin}, published for ${who}`, sv: `servercertifikatets SPKI-pinne ${r.peerPin}, publicerad för ${who}` })
  },
})
