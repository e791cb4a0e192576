import { timesOf } from '../../src/auth/fedtls.js'
import { defineCheck, type CheckId } from '../../src/core/check.js'
import { fetchParsed, needsMetadata } from './_metadata.js'

const SKEW_S = 60

export default defineCheck({
  id: 'AUTH-FEDTLS-MD-004' as CheckId,
  title: { en: 'The metadata has not expired and is not from the future', sv: 'Metadatan har inte gått ut och är inte utfärdad i framtiden' },
  requirements: ['FEDTLS-MD-EXPIRY'],
  severity: 'must',
  profiles: ['fedtls-metadata'],
  needs: ['AUTH-FEDTLS-MD-001' as CheckId],
  appliesTo: needsMetadata,
  async run(ctx) {
    const { res, header, payload } = await fetchParsed(ctx)
    const t = timesOf(header, payload)
    const now = Math.floor(Date.now() / 1000)
    const at = (s?: number) => (s === undefined ? 'not given' : new Date(s * 1000).toISOString())
    if (t.exp === undefined || now > t.exp + SKEW_S) ctx.report({ en: 'the metadata has expired: "Once expired, metadata MUST no longer be trusted"', sv: 'metadata har gått ut: "Once expired, metadata MUST no longer be trusted"' }, { expected: { en: `exp after ${at(now)}`, sv: `exp efter ${at(now)}` }, actual: `exp ${at(t.exp)}`, evidence: [res.exchangeId] })
    if (t.iat !== undefined && t.iat > now + SKEW_S) ctx.report({ en: 'the metadata is issued in the future (iat)', sv: 'metadata är utfärdade i framtiden (iat)' }, { expected: { en: `iat before ${at(now)}`, sv: `iat före ${at(now)}` }, actual: `iat ${at(t.iat)}`, evidence: [res.exchangeId] })
    const sv = (s?: number) => (s === undefined ? 'anges inte' : new Date(s * 1000).toISOString())
    ctx.note({ en: `iat ${at(t.iat)}, exp ${at(t.exp)}; cache_ttl ${JSON.stringify(payload.cache_ttl)}`, sv: `iat ${sv(t.iat)}, exp ${sv(t.exp)}; cache_ttl ${JSON.stringify(payload.cache_ttl)}` })
  },
})
