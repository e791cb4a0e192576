import type { Entity } from '../../src/auth/fedtls.js'
import { CheckSkip } from '../../src/core/failure.js'
import { defineCheck, type CheckId } from '../../src/core/check.js'
import { fetchParsed, needsMetadata } from './_metadata.js'

/** The Strengthened Tags Profile of Moa (auth-flows §2.6). */
export const MOA_TAGS = ['egilv1', 'bolv1', 'userlistv1', 'gnapv1']
const ORG_ID = /^[A-Z]{2}\d{10}$/

export default defineCheck({
  id: 'AUTH-FEDTLS-MD-008' as CheckId,
  title: {
    en: 'Moa profile: every entity has organization and organization_id, every endpoint a strengthened tag, servers an https base_uri',
    sv: 'Moa-profilen: varje entitet har organization och organization_id, varje ändpunkt en förstärkt tagg, servrar en https-base_uri',
  },
  requirements: ['MOA-TECHNICAL-PROFILE'],
  severity: 'must',
  profiles: ['fedtls-metadata'],
  needs: ['AUTH-FEDTLS-MD-001' as CheckId],
  appliesTo: needsMetadata,
  async run(ctx) {
    const { res, payload } = await fetchParsed(ctx)
    const ev = { evidence: [res.exchangeId] }
    const entities = (Array.isArray(payload.entities) ? payload.entities : []) as Entity[]
    const endpoints = (e: Entity) => [...(e.servers ?? []), ...(e.clients ?? [])]
    // Moa's rules bind Moa's federation: a document with no trace of the profile is another federation's.
    const moa = entities.some((e) => e.organization_id !== undefined || endpoints(e).some((p) => (p.tags ?? []).some((t) => MOA_TAGS.includes(t))))
    if (!moa) throw new CheckSkip({
        en: 'the document shows no sign of the Moa profile (no organization_id, no strengthened tag): another federation\'s rules apply',
        sv: 'dokumentet visar inga tecken på Moa-profilen (inget organization_id, ingen förstärkt tagg): en annan federations regler gäller',
      })
    for (const e of entities) {
      if (typeof e.organization !== 'string' || !e.organization.trim()) ctx.report({ en: `entity ${e.entity_id} has no organization (legal name)`, sv: `entiteten ${e.entity_id} har ingen organization (juridiskt namn)` }, ev)
      if (typeof e.organization_id !== 'string' || !ORG_ID.test(e.organization_id)) {
        ctx.report({ en: `entity ${e.entity_id} has no organization_id of the form CC + 10 digits`, sv: `entiteten ${e.entity_id} har inget organization_id på formen landskod + 10 siffror` }, {
          expected: { en: 'organization_id like SE2021004185', sv: 'organization_id som SE2021004185' },
          actual: `organization_id: ${JSON.stringify(e.organization_id)}`, ...ev })
      }
      for (const [kind, list] of [['client', e.clients ?? []], ['server', e.servers ?? []]] as const) {
        for (const p of list) {
          const strong = (p.tags ?? []).filter((t) => MOA_TAGS.includes(t))
          if (strong.length === 0) ctx.report({ en: `a ${kind} of ${e.entity_id} has no tag of the Strengthened Tags Profile`, sv: `en ${kind === 'server' ? 'server' : 'klient'} hos ${e.entity_id} har ingen tagg enligt Strengthened Tags Profile` }, { expected: MOA_TAGS.join(' | '), actual: `tags: ${JSON.stringify(p.tags ?? [])}`, ...ev })
          if (kind === 'server' && !/^https:\/\//.test(String(p.base_uri ?? ''))) ctx.report({ en: `a server of ${e.entity_id} has no https base_uri`, sv: `en server hos ${e.entity_id} har ingen https-base_uri` }, { actual: `base_uri: ${JSON.stringify(p.base_uri)}`, ...ev })
        }
      }
    }
    ctx.note({ en: `${entities.length} entities checked against the Moa technical profile`, sv: `${entities.length} entiteter kontrollerade mot Moas tekniska profil` })
  },
})
