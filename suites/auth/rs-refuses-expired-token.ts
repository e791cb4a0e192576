import { defineCheck } from '../../src/core/check.js'
import { expectRefused, needsIssuer, oneListOp } from './_issuer.js'

export default defineCheck({
  id: 'AUTH-RS-003',
  title: { en: 'An expired token (exp in the past) is refused', sv: 'En utgången token (exp passerad) nekas' },
  requirements: ['RFC7519-4.1.4', 'RFC6750-3.1'],
  severity: 'must',
  profiles: ['core', 'skolverket-dnp'],
  needs: ['AUTH-RS-011'],
  appliesTo: needsIssuer,
  forEach: oneListOp,
  run: (ctx, op) => expectRefused(ctx, op, [['expired', { en: 'a correctly signed token that expired an hour ago', sv: 'en korrekt signerad token som gick ut för en timme sedan' }]]),
})
