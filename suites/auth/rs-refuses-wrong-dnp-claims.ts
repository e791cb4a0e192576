import { defineCheck } from '../../src/core/check.js'
import { expectRefused, needsIssuer, oneListOp } from './_issuer.js'

export default defineCheck({
  id: 'AUTH-RS-006',
  title: {
    en: "A DNP token for another organisation, another access type or another API's location is refused",
    sv: 'En DNP-token för en annan organisation, en annan åtkomsttyp eller ett annat API:s adress nekas',
  },
  requirements: ['DNP-AUTH-JWT'],
  severity: 'must',
  profiles: ['skolverket-dnp'],
  needs: ['AUTH-RS-011'],
  appliesTo: (plan) => (needsIssuer(plan) === true && !plan.issuer?.dnpLocation ? 'the run does not use DNP-shaped tokens' : needsIssuer(plan)),
  forEach: oneListOp,
  run: (ctx, op) =>
    expectRefused(ctx, op, [
      ['dnp-wrong-organization', 'a DNP token whose organization_id is not SE2021004185 (Skolverket)'],
      ['dnp-wrong-access-type', 'a DNP token whose requested_access type is ss12000-client, not ss12000-api'],
      ['dnp-wrong-location', "a DNP token whose requested_access locations name another huvudman's API"],
    ]),
})
