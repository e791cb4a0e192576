import type { Entity } from '../../src/auth/fedtls.js'
import { defineCheck, type CheckId } from '../../src/core/check.js'
import { fetchParsed, needsMetadata } from './_metadata.js'

export default defineCheck({
  id: 'AUTH-FEDTLS-MD-010' as CheckId,
  title: {
    en: 'No pin is written in the legacy {name, value} form (current form: {alg, digest})',
    sv: 'Ingen pinne skrivs i den äldre formen {name, value} (gällande form: {alg, digest})',
  },
  requirements: ['FEDTLS-PINS', 'FEDTLS-MD-SCHEMA'],
  severity: 'should',
  profiles: ['fedtls-metadata'],
  needs: ['AUTH-FEDTLS-MD-001' as CheckId],
  appliesTo: needsMetadata,
  async run(ctx) {
    const { res, payload } = await fetchParsed(ctx)
    const entities = (Array.isArray(payload.entities) ? payload.entities : []) as Entity[]
    let pins = 0
    for (const e of entities) {
      for (const [kind, list] of [['client', e.clients ?? []], ['server', e.servers ?? []]] as const) {
        for (const ep of list) {
          for (const p of (Array.isArray(ep.pins) ? ep.pins : []) as unknown as Record<string, unknown>[]) {
            pins++
            if (p && ('name' in p || 'value' in p)) {
              ctx.report({
                en: `a ${kind} pin of ${e.entity_id} is in the legacy {name, value} form: current consumers look for alg and digest and will not match it`,
                sv: `en ${kind === 'client' ? 'klient' : 'server'}pinne för ${e.entity_id} har den äldre formen {name, value}: nuvarande konsumenter söker alg och digest och matchar den inte`,
              }, {
                expected: '{"alg": "sha256", "digest": "<base64 SPKI SHA-256>"}',
                actual: JSON.stringify(Object.keys(p)),
                evidence: [res.exchangeId],
              })
            }
          }
        }
      }
    }
    if (!ctx.failures.length) ctx.note({ en: `${pins} pins, all in the {alg, digest} form`, sv: `${pins} pinnar, alla på formen {alg, digest}` })
  },
})
