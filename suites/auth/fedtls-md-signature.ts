import { verifyMetadataSignature } from '../../src/auth/fedtls.js'
import { defineCheck, type CheckId } from '../../src/core/check.js'
import { fetchParsed, needsMetadata } from './_metadata.js'

export default defineCheck({
  id: 'AUTH-FEDTLS-MD-003' as CheckId,
  title: {
    en: "The metadata signature verifies against the federation's signing keys (JWKS)",
    sv: 'Metadatans signatur verifieras mot federationens signeringsnycklar (JWKS)',
  },
  requirements: ['FEDTLS-MD-SIGNING'],
  severity: 'must',
  profiles: ['fedtls-metadata'],
  needs: ['AUTH-FEDTLS-MD-001' as CheckId],
  appliesTo: needsMetadata,
  async run(ctx) {
    const { res, jws } = await fetchParsed(ctx)
    const problem = await verifyMetadataSignature(jws, ctx.plan.metadata!.jwks)
    if (problem) ctx.fail({ en: 'the metadata signature does not verify against the federation JWKS', sv: 'signaturen på metadata går inte att verifiera mot federationens JWKS' }, {
        expected: { en: 'a valid signature by a key of the JWKS', sv: 'en giltig signatur med en nyckel i JWKS' },
        actual: problem, evidence: [res.exchangeId] })
    ctx.note({ en: 'signature verified', sv: 'signaturen verifierad' })
  },
})
