import { validateMetadataSchema } from '../../src/auth/fedtls.js'
import { defineCheck, type CheckId } from '../../src/core/check.js'
import { fetchParsed, needsMetadata } from './_metadata.js'

export default defineCheck({
  id: 'AUTH-FEDTLS-MD-005' as CheckId,
  title: { en: 'The metadata payload follows the MATF metadata schema', sv: 'Metadatans innehåll följer MATF-metadataschemat' },
  requirements: ['FEDTLS-MD-SCHEMA'],
  severity: 'must',
  profiles: ['fedtls-metadata'],
  needs: ['AUTH-FEDTLS-MD-001' as CheckId],
  appliesTo: needsMetadata,
  async run(ctx) {
    const { res, payload } = await fetchParsed(ctx)
    const errors = validateMetadataSchema(payload)
    if (errors.length) ctx.fail({ en: 'the metadata does not follow the MATF schema', sv: 'metadata följer inte MATF-schemat' }, { expected: { en: 'valid against matf-metadata-schema.json', sv: 'giltig enligt matf-metadata-schema.json' }, actual: errors.slice(0, 10).join('; '), evidence: [res.exchangeId] })
    const n = Array.isArray(payload.entities) ? payload.entities.length : 0
    ctx.note({ en: `${n} entities, valid`, sv: `${n} entiteter, giltigt` })
  },
})
