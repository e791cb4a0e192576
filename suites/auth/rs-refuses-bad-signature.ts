import { defineCheck } from '../../src/core/check.js'
import { expectRefused, needsIssuer, oneListOp } from './_issuer.js'

export default defineCheck({
  id: 'AUTH-RS-004',
  title: {
    en: 'A token signed by an unknown key, unsigned (alg none) or HS256-signed with the public key is refused',
    sv: 'En token signerad med okänd nyckel, osignerad (alg none) eller HS256-signerad med den publika nyckeln nekas',
  },
  requirements: ['RFC8725-3.1', 'RFC7519-7.2', 'RFC6750-3.1'],
  severity: 'must',
  profiles: ['core', 'skolverket-dnp'],
  needs: ['AUTH-RS-011'],
  appliesTo: needsIssuer,
  forEach: oneListOp,
  run: (ctx, op) =>
    expectRefused(ctx, op, [
      ['unknown-key', { en: 'a token signed by a key that is not in the JWKS (unknown kid)', sv: 'en token signerad med en nyckel som inte finns i JWKS (okänd kid)' }],
      ['alg-none', { en: 'an unsigned token (alg "none")', sv: 'en osignerad token (alg "none")' }],
      ['hs256-public-key', { en: "a token signed HS256 with the issuer's public key as secret", sv: 'en token signerad med HS256 och utfärdarens publika nyckel som hemlighet' }],
    ]),
})
