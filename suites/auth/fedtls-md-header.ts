import { METADATA_ALGS, timesOf } from '../../src/auth/fedtls.js'
import { defineCheck, type CheckId } from '../../src/core/check.js'
import { fetchParsed, needsMetadata } from './_metadata.js'

export default defineCheck({
  id: 'AUTH-FEDTLS-MD-002' as CheckId,
  title: {
    en: 'The protected header has an allowed alg, a kid of the federation JWKS and iss; iat and exp are given',
    sv: 'Det skyddade huvudet har en tillåten alg, ett kid ur federationens JWKS och iss; iat och exp anges',
  },
  requirements: ['FEDTLS-MD-SIGNING'],
  severity: 'must',
  profiles: ['fedtls-metadata'],
  needs: ['AUTH-FEDTLS-MD-001' as CheckId],
  appliesTo: needsMetadata,
  async run(ctx) {
    const { res, header, payload } = await fetchParsed(ctx)
    const ev = { evidence: [res.exchangeId] }
    if (!METADATA_ALGS.includes(String(header.alg))) ctx.report({ en: `alg ${JSON.stringify(header.alg)} is not allowed`, sv: `alg ${JSON.stringify(header.alg)} är inte tillåten` }, { expected: METADATA_ALGS.join(', '), ...ev })
    const kids = ctx.plan.metadata!.jwks.map((k) => k.kid)
    if (typeof header.kid !== 'string' || !header.kid) ctx.report({ en: 'the protected header has no kid', sv: 'det skyddade huvudet har ingen kid' }, { expected: { en: `kid, one of ${kids.join(', ')}`, sv: `kid, någon av ${kids.join(', ')}` }, ...ev })
    else if (!kids.includes(header.kid)) ctx.report({ en: `kid ${header.kid} is not in the federation JWKS`, sv: `kid ${header.kid} finns inte i federationens JWKS` }, { expected: kids.join(', '), ...ev })
    const t = timesOf(header, payload)
    if (t.iss === undefined) ctx.report({ en: 'iss (the federation) is given neither in the payload nor in the header', sv: 'iss (federationen) anges varken i innehållet eller i huvudet' }, ev)
    if (t.iat === undefined || t.exp === undefined) ctx.report({ en: 'iat and exp (NumericDate) are given neither in the payload nor in the header', sv: 'iat och exp (NumericDate) anges varken i innehållet eller i huvudet' }, ev)
    const where: Record<string, string> = { 'payload (RFC 9932)': 'innehållet (RFC 9932)', 'protected header (drafts)': 'det skyddade huvudet (utkasten)', neither: 'inget av dem' }
    ctx.note({ en: `iat/exp found in the ${t.where}`, sv: `iat/exp finns i ${where[t.where] ?? t.where}` })
  },
})
