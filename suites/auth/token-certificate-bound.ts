import { X509Certificate, createHash } from 'node:crypto'
import { decodeJwt } from 'jose'
import { defineCheck } from '../../src/core/check.js'
import { CheckSkip } from '../../src/core/failure.js'
import { fetchAsMetadata } from './_as-metadata.js'
import { needsMtlsClientAuth } from './_rfc8705.js'

export default defineCheck({
  id: 'AUTH-TOKEN-006',
  title: {
    en: 'An access token issued over mutual TLS is bound to the client certificate: cnf x5t#S256 is the SHA-256 of the certificate',
    sv: 'En åtkomsttoken som utfärdats över ömsesidig TLS är bunden till klientcertifikatet: cnf x5t#S256 är certifikatets SHA-256',
  },
  requirements: ['RFC8705-3.1'],
  severity: 'must',
  profiles: ['mtls-token'],
  appliesTo: needsMtlsClientAuth,
  async run(ctx) {
    const res = await ctx.requestToken()!
    ctx.expectStatus(res, 200, {
      en: 'the token endpoint did not issue a token to konform with its registered certificate',
      sv: 'tokenändpunkten utfärdade ingen token till konform med dess registrerade certifikat',
    })
    const token = (res.json as Record<string, unknown> | undefined)?.access_token
    if (typeof token !== 'string' || !token) return ctx.fail({ en: 'the token answer has no access_token', sv: 'tokensvaret saknar access_token' }, { evidence: [res.exchangeId] })
    let claims: ReturnType<typeof decodeJwt>
    try {
      claims = decodeJwt(token)
    } catch {
      throw new CheckSkip({
        en: 'the access token is not a JWT: its binding is visible only to the resource server (token introspection is not used); AUTH-RS-009 checks that it is enforced',
        sv: 'åtkomsttoken är inte en JWT: bindningen syns bara för resursservern (token introspection används inte); AUTH-RS-009 kontrollerar att den upprätthålls',
      })
    }
    const cert = new X509Certificate(ctx.tls!.cert!)
    const expected = createHash('sha256').update(cert.raw).digest('base64url')
    const md = await fetchAsMetadata(ctx, ctx.plan.tokenUrl!)
    const advertised = md?.doc?.tls_client_certificate_bound_access_tokens
    if (advertised !== undefined) {
      ctx.note({
        en: `the authorization server metadata says tls_client_certificate_bound_access_tokens: ${JSON.stringify(advertised)}`,
        sv: `auktoriseringsserverns metadata anger tls_client_certificate_bound_access_tokens: ${JSON.stringify(advertised)}`,
      })
    }
    const methods = md?.doc?.token_endpoint_auth_methods_supported
    if (Array.isArray(methods)) {
      const listed = methods.includes(ctx.plan.clientAuth)
      ctx.note({
        en: `token_endpoint_auth_methods_supported: ${JSON.stringify(methods)}${listed ? '' : ` (${ctx.plan.clientAuth} is not listed, yet it was used)`}`,
        sv: `token_endpoint_auth_methods_supported: ${JSON.stringify(methods)}${listed ? '' : ` (${ctx.plan.clientAuth} finns inte i listan, men användes ändå)`}`,
      })
    }
    const aliases = md?.doc?.mtls_endpoint_aliases as Record<string, unknown> | undefined
    if (typeof aliases?.token_endpoint === 'string' && aliases.token_endpoint !== ctx.plan.tokenUrl) {
      ctx.note({
        en: `the metadata names an mTLS alias of the token endpoint (RFC 8705 5): ${aliases.token_endpoint}; konform used --token-url ${ctx.plan.tokenUrl}`,
        sv: `metadata anger ett mTLS-alias för tokenändpunkten (RFC 8705 5): ${aliases.token_endpoint}; konform använde --token-url ${ctx.plan.tokenUrl}`,
      })
    }
    const cnf = (claims.cnf as Record<string, unknown> | undefined)?.['x5t#S256']
    const ev = { evidence: [res.exchangeId, ...(md ? [md.res.exchangeId] : [])] }
    if (cnf === undefined) {
      return ctx.fail({ en: 'the access token is not bound to the client certificate (no cnf x5t#S256)', sv: 'åtkomsttoken är inte bunden till klientcertifikatet (ingen cnf x5t#S256)' }, {
        expected: `cnf: {"x5t#S256": "${expected}"} (RFC 8705 3.1)`,
        actual: `cnf: ${JSON.stringify(claims.cnf)}`,
        ...ev,
      })
    }
    if (cnf !== expected) {
      const spki = createHash('sha256').update(cert.publicKey.export({ type: 'spki', format: 'der' }))
      const spkiDigest = spki.digest()
      const hint =
        cnf === spkiDigest.toString('base64url') || cnf === spkiDigest.toString('base64')
          ? {
              en: ' (it is the hash of the public key, SPKI, as in a FedTLS pin, not of the whole certificate)',
              sv: ' (det är hashen av den publika nyckeln, SPKI, som i en FedTLS-pin, inte av hela certifikatet)',
            }
          : cnf === createHash('sha256').update(cert.raw).digest('base64')
            ? { en: ' (it is standard base64 with padding, not base64url)', sv: ' (det är vanlig base64 med utfyllnad, inte base64url)' }
            : { en: '', sv: '' }
      ctx.fail({
        en: `cnf x5t#S256 is not the SHA-256 of konform's client certificate${hint.en}`,
        sv: `cnf x5t#S256 är inte SHA-256 av konforms klientcertifikat${hint.sv}`,
      }, {
        expected: {
          en: `x5t#S256 = base64url(SHA-256(DER of the certificate)) = ${expected}`,
          sv: `x5t#S256 = base64url(SHA-256(certifikatets DER)) = ${expected}`,
        },
        actual: `x5t#S256 = ${String(cnf)}`,
        ...ev,
      })
    }
    ctx.note({ en: `the access token is bound to konform's certificate (x5t#S256 ${expected})`, sv: `åtkomsttoken är bunden till konforms certifikat (x5t#S256 ${expected})` })
  },
})
