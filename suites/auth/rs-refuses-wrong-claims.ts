import { defineCheck } from '../../src/core/check.js'
import { expectRefused, needsIssuer, oneListOp } from './_issuer.js'

export default defineCheck({
  id: 'AUTH-RS-005',
  title: {
    en: 'A correctly signed token with the wrong iss, the wrong aud or nbf in the future is refused',
    sv: 'En korrekt signerad token med fel iss, fel aud eller nbf i framtiden nekas',
  },
  requirements: ['RFC7519-4.1.1', 'RFC7519-4.1.3', 'RFC7519-4.1.5', 'RFC6750-3.1'],
  severity: 'must',
  profiles: ['core', 'skolverket-dnp'],
  needs: ['AUTH-RS-011'],
  appliesTo: needsIssuer,
  forEach: oneListOp,
  run: (ctx, op) =>
    expectRefused(ctx, op, [
      ['wrong-iss', { en: 'a token whose iss is not the trusted issuer', sv: 'en token vars iss inte är den betrodda utfärdaren' }],
      ['wrong-aud', { en: 'a token whose aud names another API', sv: 'en token vars aud anger ett annat API' }],
      ['nbf-future', { en: 'a token that is not valid for another hour (nbf)', sv: 'en token som inte blir giltig förrän om en timme (nbf)' }],
    ]),
})
