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
  appliesTo: (plan) => (needsIssuer(plan) === true && !plan.issuer?.dnpLocation ? { en: 'the run does not use DNP-shaped tokens', sv: 'körningen använder inte token formade enligt DNP' } : needsIssuer(plan)),
  forEach: oneListOp,
  run: (ctx, op) =>
    expectRefused(ctx, op, [
      ['dnp-wrong-organization', { en: 'a DNP token whose organization_id is not SE2021004185 (Skolverket)', sv: 'en DNP-token vars organization_id inte är SE2021004185 (Skolverket)' }],
      ['dnp-wrong-access-type', { en: 'a DNP token whose requested_access type is ss12000-client, not ss12000-api', sv: 'en DNP-token vars requested_access har typen ss12000-client, inte ss12000-api' }],
      ['dnp-wrong-location', { en: "a DNP token whose requested_access locations name another huvudman's API", sv: 'en DNP-token vars requested_access-platser anger en annan huvudmans API' }],
    ]),
})
