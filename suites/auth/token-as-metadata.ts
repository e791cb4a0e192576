import { CheckSkip } from '../../src/core/failure.js'
import { defineCheck } from '../../src/core/check.js'
import { fetchAsMetadata, secureUrl } from './_as-metadata.js'

export default defineCheck({
  id: 'AUTH-TOKEN-007',
  title: {
    en: 'Authorization server metadata (RFC 8414), if offered, names its own issuer, https endpoints and a jwks_uri',
    sv: 'Auktoriseringsserverns metadata (RFC 8414), om den erbjuds, anger sin egen utfärdare, https-ändpunkter och en jwks_uri',
  },
  requirements: ['RFC8414-3.3'],
  severity: 'must',
  profiles: ['core', 'full-2.1'],
  appliesTo: (plan) => plan.authKind === 'client-credentials' || { en: 'the run uses no token endpoint (give --token-url and --client-id)', sv: 'körningen använder ingen token-endpoint (ange --token-url och --client-id)' },
  async run(ctx) {
    const md = await fetchAsMetadata(ctx, ctx.plan.tokenUrl!)
    if (!md) throw new CheckSkip({
        en: `the authorization server offers no RFC 8414 metadata at ${new URL(ctx.plan.tokenUrl!).origin}/.well-known/oauth-authorization-server`,
        sv: `auktorisationsservern erbjuder inga RFC 8414-metadata på ${new URL(ctx.plan.tokenUrl!).origin}/.well-known/oauth-authorization-server`,
      })
    ctx.expectStatus(md.res, 200, { en: 'the authorization server metadata could not be fetched', sv: 'auktorisationsserverns metadata gick inte att hämta' })
    const doc = md.doc
    if (!doc) return ctx.fail({ en: 'the authorization server metadata is not a JSON object', sv: 'auktorisationsserverns metadata är inte ett JSON-objekt' }, { evidence: [md.res.exchangeId] })
    const ev = { evidence: [md.res.exchangeId] }
    if (doc.issuer !== md.issuer) {
      ctx.report({ en: 'the metadata names another issuer than the one its well-known URL was built from', sv: 'metadata anger en annan utfärdare än den som well-known-URL:en byggdes från' }, {
        expected: { en: `issuer: ${JSON.stringify(md.issuer)} (identical, RFC 8414 3.3)`, sv: `issuer: ${JSON.stringify(md.issuer)} (identisk, RFC 8414 3.3)` },
        actual: `issuer: ${JSON.stringify(doc.issuer)}`,
        ...ev,
      })
    }
    for (const key of ['token_endpoint', 'jwks_uri'] as const) {
      if (doc[key] === undefined) ctx.report({ en: `the metadata has no ${key}`, sv: `metadata saknar ${key}` }, { expected: { en: `${key}: an https URL`, sv: `${key}: en https-URL` }, ...ev })
      else if (!secureUrl(doc[key])) ctx.report({ en: `${key} is not an https URL`, sv: `${key} är inte en https-URL` }, {
          expected: { en: 'https (http only to a loopback test host)', sv: 'https (http bara till en lokal testvärd)' },
          actual: `${key}: ${JSON.stringify(doc[key])}`, ...ev })
    }
    if (typeof doc.token_endpoint === 'string' && doc.token_endpoint !== ctx.plan.tokenUrl) {
      ctx.note({ en: `token_endpoint ${doc.token_endpoint} differs from the --token-url of this run`, sv: `token_endpoint ${doc.token_endpoint} skiljer sig från körningens --token-url` })
    }
  },
})
