import { createLocalJWKSet, decodeProtectedHeader, decodeJwt, jwtVerify, type JWK } from 'jose'
import { CheckSkip } from '../../src/core/failure.js'
import { defineCheck } from '../../src/core/check.js'
import { fetchAsMetadata } from './_as-metadata.js'

const FORBIDDEN_ALG = /^(none|HS\d+)$/i

export default defineCheck({
  id: 'AUTH-TOKEN-005',
  title: {
    en: 'A JWT access token is signed asymmetrically by a key its jwks_uri publishes and carries iss, exp and iat',
    sv: 'En JWT-åtkomsttoken är asymmetriskt signerad med en nyckel som dess jwks_uri publicerar och har iss, exp och iat',
  },
  requirements: ['RFC9068-2', 'RFC8725-3.1'],
  severity: 'must',
  profiles: ['core', 'skolverket-dnp', 'full-2.1'],
  appliesTo: (plan) => plan.authKind === 'client-credentials' || { en: 'the run uses no token endpoint (give --token-url and --client-id)', sv: 'körningen använder ingen token-endpoint (ange --token-url och --client-id)' },
  async run(ctx) {
    const res = await ctx.requestToken()!
    ctx.expectStatus(res, 200, { en: 'the token endpoint did not issue a token', sv: 'token-endpointen utfärdade ingen token' })
    const token = (res.json as Record<string, unknown> | undefined)?.access_token
    if (typeof token !== 'string' || !token) return ctx.fail({ en: 'the token answer has no access_token', sv: 'token-svaret har ingen access_token' }, { evidence: [res.exchangeId] })
    let header: ReturnType<typeof decodeProtectedHeader>
    let claims: ReturnType<typeof decodeJwt>
    try {
      header = decodeProtectedHeader(token)
      claims = decodeJwt(token)
    } catch {
      throw new CheckSkip({ en: 'the access token is not a JWT (an opaque token: its rules are the resource server\'s)', sv: 'åtkomsttoken är inte en JWT (en opak token: dess regler är resursserverns)' })
    }
    const ev = { evidence: [res.exchangeId] }
    const alg = String(header.alg)
    if (FORBIDDEN_ALG.test(alg)) {
      ctx.report({ en: `the access token is signed with alg ${alg}`, sv: `åtkomsttoken är signerad med alg ${alg}` }, {
        expected: { en: 'an asymmetric alg (ES256, RS256, PS256, EdDSA …), never none or HS*', sv: 'en asymmetrisk alg (ES256, RS256, PS256, EdDSA …), aldrig none eller HS*' },
        actual: `alg: ${alg}`, ...ev })
    }
    for (const c of ['iss', 'exp', 'iat'] as const) {
      if (claims[c] === undefined) ctx.report({ en: `the access token has no ${c} claim`, sv: `åtkomsttoken saknar anspråket ${c}` }, { expected: { en: `${c} present (RFC 9068 2.2)`, sv: `${c} finns (RFC 9068 2.2)` }, ...ev })
    }
    if (typeof claims.exp === 'number' && typeof claims.iat === 'number') {
      const about = `${claims.exp - claims.iat} s (alg ${alg}, typ ${String(header.typ ?? '-')})`
      ctx.note({ en: `access token lifetime: ${about}`, sv: `åtkomsttokens livslängd: ${about}` })
    }
    if (FORBIDDEN_ALG.test(alg)) return
    const md = await fetchAsMetadata(ctx, ctx.plan.tokenUrl!)
    const jwksUri = typeof md?.doc?.jwks_uri === 'string' ? md.doc.jwks_uri : undefined
    if (!jwksUri) {
      ctx.note({
        en: 'no jwks_uri is published (RFC 8414 metadata): whether the kid resolves was not checked',
        sv: 'ingen jwks_uri publiceras (metadata enligt RFC 8414): om kid går att slå upp kontrollerades inte',
      })
      return
    }
    const jr = await ctx.send({ method: 'GET', url: jwksUri, headers: { accept: 'application/json' }, auth: 'none' })
    ctx.expectStatus(jr, 200, { en: 'the jwks_uri could not be fetched', sv: 'jwks_uri gick inte att hämta' })
    const keys = (jr.json as { keys?: JWK[] } | undefined)?.keys
    if (!Array.isArray(keys)) return ctx.fail({ en: 'the jwks_uri does not answer a JSON Web Key Set', sv: 'jwks_uri svarar inte med en JSON Web Key Set' }, { evidence: [jr.exchangeId] })
    if (!header.kid || !keys.some((k) => k.kid === header.kid)) {
      ctx.fail({ en: 'the access token\'s kid is not in the JWKS at jwks_uri', sv: 'åtkomsttokens kid finns inte i JWKS på jwks_uri' }, {
        expected: {
          en: 'a kid that names a key of the JWKS, so resource servers can find the verification key',
          sv: 'en kid som anger en nyckel i JWKS, så att resursservrar kan hitta verifieringsnyckeln',
        },
        actual: `kid ${JSON.stringify(header.kid)}; JWKS kids ${JSON.stringify(keys.map((k) => k.kid))}`,
        evidence: [res.exchangeId, jr.exchangeId],
      })
    }
    try {
      await jwtVerify(token, createLocalJWKSet({ keys }), { clockTolerance: 60 })
    } catch (err) {
      ctx.report({ en: 'the access token does not verify with the key its kid names', sv: 'åtkomsttoken går inte att verifiera med nyckeln som dess kid anger' }, { actual: err instanceof Error ? err.message : String(err), evidence: [res.exchangeId, jr.exchangeId] })
    }
  },
})
