import { timesOf } from '../../src/auth/fedtls.js'
import { defineCheck, type CheckId } from '../../src/core/check.js'
import { fetchParsed, needsMetadata } from './_metadata.js'

const DAY = 86400

/** The HTTP freshness of the answer in seconds (Cache-Control max-age wins over Expires, RFC 9111 4.2.1), if any. */
export function httpFreshness(headers: Record<string, string>, now = Date.now()): { seconds?: number; from: string } {
  const cc = headers['cache-control'] ?? ''
  if (/(^|,)\s*(no-store|no-cache)\b/i.test(cc)) return { seconds: 0, from: `Cache-Control: ${cc}` }
  const m = /(?:^|,)\s*max-age\s*=\s*"?(\d+)/i.exec(cc)
  if (m) return { seconds: Number(m[1]), from: `Cache-Control: ${cc}` }
  const expires = headers.expires
  if (expires !== undefined) {
    const t = Date.parse(expires)
    return { seconds: Number.isNaN(t) ? 0 : Math.max(0, Math.round((t - now) / 1000)), from: `Expires: ${expires}` }
  }
  return { from: 'no Cache-Control max-age or Expires' }
}

export default defineCheck({
  id: 'AUTH-FEDTLS-MD-009' as CheckId,
  title: {
    en: 'Cache behaviour: the effective TTL (minimum of HTTP expiry and cache_ttl) is stated, and the document outlives its cache_ttl and 24 hours',
    sv: 'Cachning: den effektiva TTL:en (minsta av HTTP-utgång och cache_ttl) anges, och dokumentet lever längre än sin cache_ttl och 24 timmar',
  },
  requirements: ['FEDTLS-MD-CACHE'],
  severity: 'should',
  profiles: ['fedtls-metadata'],
  needs: ['AUTH-FEDTLS-MD-001' as CheckId],
  appliesTo: needsMetadata,
  async run(ctx) {
    const { res, header, payload } = await fetchParsed(ctx)
    const ev = { evidence: [res.exchangeId] }
    const ttl = typeof payload.cache_ttl === 'number' && Number.isInteger(payload.cache_ttl) && payload.cache_ttl >= 0 ? payload.cache_ttl : undefined
    const http = httpFreshness(res.headers)
    const candidates = [ttl, http.seconds].filter((v): v is number => v !== undefined)
    const effective = candidates.length ? Math.min(...candidates) : undefined
    const from = http.seconds === undefined ? { en: 'no Cache-Control max-age or Expires', sv: 'ingen Cache-Control max-age eller Expires' } : { en: http.from, sv: http.from }
    ctx.note({
      en: `cache_ttl ${ttl ?? 'not given'}; HTTP: ${from.en}; effective TTL ${effective === undefined ? 'not given (a member falls back to its own default, e.g. 3600 s in bowness)' : `${effective} s`}`,
      sv: `cache_ttl ${ttl ?? 'anges inte'}; HTTP: ${from.sv}; effektiv TTL ${effective === undefined ? 'anges inte (en medlem faller tillbaka på sitt eget standardvärde, t.ex. 3600 s i bowness)' : `${effective} s`}`,
    })
    const t = timesOf(header, payload)
    if (t.iat === undefined || t.exp === undefined) return // AUTH-FEDTLS-MD-002's finding
    const lifetime = t.exp - t.iat
    ctx.note({ en: `lifetime (exp - iat) ${lifetime} s = ${(lifetime / DAY).toFixed(1)} days`, sv: `livslängd (exp - iat) ${lifetime} s = ${(lifetime / DAY).toFixed(1)} dygn` })
    if (ttl !== undefined && ttl > lifetime) {
      ctx.report({ en: 'the metadata asks to be cached longer than it lives: a member that trusts its cache would hold expired metadata', sv: 'metadatan begär att cachas längre än den lever: en medlem som litar på sin cache skulle hålla kvar utgången metadata' }, { expected: `cache_ttl <= exp - iat (${lifetime} s)`, actual: `cache_ttl ${ttl} s`, ...ev })
    }
    if (lifetime < DAY) {
      ctx.report({ en: 'the metadata lives less than 24 hours: no room to publish again during an outage (the Moa lesson)', sv: 'metadatan lever kortare än 24 timmar: inget utrymme att publicera på nytt under ett avbrott (lärdomen från Moa)' }, { expected: 'exp - iat >= 86400 s', actual: `${lifetime} s`, ...ev })
    }
  },
})
