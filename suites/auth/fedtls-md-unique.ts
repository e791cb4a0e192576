import type { Entity } from '../../src/auth/fedtls.js'
import { defineCheck, type CheckId } from '../../src/core/check.js'
import { fetchParsed, needsMetadata } from './_metadata.js'

export default defineCheck({
  id: 'AUTH-FEDTLS-MD-006' as CheckId,
  title: {
    en: 'Entity ids are unique, client pins are unique across entities, and every pin is a SHA-256 digest',
    sv: 'Entitets-id är unika, klientpinnar är unika mellan entiteter och varje pinne är en SHA-256-summa',
  },
  requirements: ['FEDTLS-MD-REPOSITORY'],
  severity: 'must',
  profiles: ['fedtls-metadata'],
  needs: ['AUTH-FEDTLS-MD-001' as CheckId],
  appliesTo: needsMetadata,
  async run(ctx) {
    const { res, payload } = await fetchParsed(ctx)
    const ev = { evidence: [res.exchangeId] }
    const entities = (Array.isArray(payload.entities) ? payload.entities : []) as Entity[]
    const seen = new Set<string>()
    const clientPins = new Map<string, string>()
    for (const e of entities) {
      if (seen.has(e.entity_id)) ctx.report({ en: `entity_id ${e.entity_id} appears more than once`, sv: `entity_id ${e.entity_id} förekommer mer än en gång` }, ev)
      seen.add(e.entity_id)
      for (const ep of [...(e.servers ?? []), ...(e.clients ?? [])]) {
        for (const p of ep.pins ?? []) if (Buffer.from(String(p.digest), 'base64').length !== 32) ctx.report({ en: `a pin of ${e.entity_id} is not a 32-byte SHA-256 digest`, sv: `en pin hos ${e.entity_id} är inte ett SHA-256-kontrollvärde på 32 byte` }, { actual: String(p.digest), ...ev })
      }
      for (const p of (e.clients ?? []).flatMap((c) => c.pins ?? [])) {
        const other = clientPins.get(p.digest)
        if (other !== undefined && other !== e.entity_id) ctx.report({ en: `client pin ${p.digest} is registered for ${other} and ${e.entity_id}`, sv: `klient-pin ${p.digest} är registrerad för både ${other} och ${e.entity_id}` }, ev)
        clientPins.set(p.digest, e.entity_id)
      }
    }
    ctx.note({ en: `${entities.length} entities, ${clientPins.size} client pins`, sv: `${entities.length} entiteter, ${clientPins.size} klientpinnar` })
  },
})
