import { defineCheck, type CheckId } from '../../src/core/check.js'
import { expectTlsRefusal, oneListOp } from './_tls.js'
import { needsUnpinned } from './_fedtls.js'

export default defineCheck({
  id: 'AUTH-FEDTLS-SRV-004' as CheckId, // two-part topic: the template type cannot infer it
  title: {
    en: 'A client certificate from a listed issuer whose pin the metadata does not publish is refused',
    sv: 'Ett klientcertifikat från en listad utfärdare vars pinne metadatan inte publicerar nekas',
  },
  requirements: ['FEDTLS-PINS', 'FEDTLS-AUTH'],
  severity: 'must',
  profiles: ['fedtls'],
  appliesTo: needsUnpinned,
  forEach: oneListOp,
  async run(ctx, op) {
    const u = ctx.plan.fedtls!.unpinned!
    await expectTlsRefusal(ctx, op, { en: 'to a client whose certificate is from a listed issuer but not pinned', sv: 'för en klient vars certifikat kommer från en listad utfärdare men inte är pinnat' }, { cert: u.cert, key: u.key })
  },
})
