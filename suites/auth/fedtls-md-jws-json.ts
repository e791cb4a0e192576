import { defineCheck, type CheckId } from '../../src/core/check.js'
import { fetchMetadata, needsMetadata } from './_metadata.js'

export default defineCheck({
  id: 'AUTH-FEDTLS-MD-001' as CheckId, // two-part topic: the template type cannot infer it
  title: {
    en: 'The federation metadata is a General JWS JSON document (payload, signatures with protected headers)',
    sv: 'Federationens metadata är ett General JWS JSON-dokument (payload, signatures med skyddade huvuden)',
  },
  requirements: ['FEDTLS-MD-SIGNING'],
  severity: 'must',
  profiles: ['fedtls-metadata'],
  appliesTo: needsMetadata,
  async run(ctx) {
    const f = await fetchMetadata(ctx)
    for (const p of f.problems) ctx.report(p, { expected: '{"payload": "…", "signatures": [{"protected": "…", "signature": "…"}]}', evidence: [f.res.exchangeId] })
    if (!f.problems.length) ctx.note({ en: `${f.jws!.signatures.length} signature(s)`, sv: `${f.jws!.signatures.length} signatur(er)` })
  },
})
