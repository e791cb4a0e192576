import type { Entity } from '../../src/auth/fedtls.js'
import { issuerProblems } from '../../src/auth/x509-issuer.js'
import { defineCheck, type CheckId } from '../../src/core/check.js'
import { fetchParsed, needsMetadata } from './_metadata.js'

export default defineCheck({
  id: 'AUTH-FEDTLS-MD-007' as CheckId,
  title: {
    en: 'Issuer certificates parse, are valid now, have strong keys (RSA >= 2048, EC >= 256) and no MD5/SHA-1 signature; subjects are unique',
    sv: 'Utfärdarcertifikaten går att läsa, är giltiga nu, har starka nycklar (RSA >= 2048, EC >= 256) och ingen MD5/SHA-1-signatur; subject är unika',
  },
  requirements: ['FEDTLS-MD-ISSUERS'],
  severity: 'must',
  profiles: ['fedtls-metadata'],
  needs: ['AUTH-FEDTLS-MD-001' as CheckId],
  appliesTo: needsMetadata,
  async run(ctx) {
    const { res, payload } = await fetchParsed(ctx)
    const ev = { evidence: [res.exchangeId] }
    const entities = (Array.isArray(payload.entities) ? payload.entities : []) as Entity[]
    // The same certificate may serve several entities; two different certificates must not share a subject.
    const subjects = new Map<string, string>()
    let count = 0
    for (const e of entities) {
      for (const [i, issuer] of (Array.isArray(e.issuers) ? e.issuers : []).entries()) {
        const pem = issuer?.x509certificate
        if (typeof pem !== 'string') continue // the schema's rule (AUTH-FEDTLS-MD-005)
        count++
        const { problems, problemsSv, facts } = issuerProblems(pem)
        for (const [k, p] of problems.entries()) ctx.report({ en: `issuer ${i + 1} of ${e.entity_id}: ${p}`, sv: `utfärdare ${i + 1} för ${e.entity_id}: ${problemsSv[k]}` }, { actual: facts ? `${facts.subject}: ${facts.key}, ${facts.signature}, valid ${facts.validFrom} … ${facts.validTo}` : undefined, ...ev })
        if (!facts) continue
        const body = pem.replace(/\s+/g, '')
        const other = subjects.get(facts.subject)
        if (other !== undefined && other !== body) ctx.report({ en: `two different issuer certificates share the subject ${facts.subject}`, sv: `två olika utfärdarcertifikat har samma subjekt ${facts.subject}` }, { expected: { en: 'a unique X.509 subject per issuer (Moa)', sv: 'ett unikt X.509-subjekt per utfärdare (Moa)' }, ...ev })
        subjects.set(facts.subject, body)
        if (!problems.length) ctx.note({ en: `${e.entity_id}: ${facts.subject} (${facts.key}, ${facts.signature}, until ${facts.validTo.slice(0, 10)})`, sv: `${e.entity_id}: ${facts.subject} (${facts.key}, ${facts.signature}, till ${facts.validTo.slice(0, 10)})` })
      }
    }
    if (!count) ctx.note({ en: 'no issuer certificates listed (the federation trusts pins alone)', sv: 'inga utfärdarcertifikat listas (federationen litar enbart på pinnar)' })
  },
})
