import { defineCheck, type CheckId } from '../../src/core/check.js'
import { expectTlsRefusal, needsMtls, oneListOp } from './_tls.js'

export default defineCheck({
  id: 'AUTH-FEDTLS-SRV-002' as CheckId, // two-part topic: the template type cannot infer it
  title: { en: 'A client that presents no certificate is refused', sv: 'En klient som inte visar något certifikat nekas' },
  requirements: ['RFC8705-2', 'FEDTLS-AUTH'],
  severity: 'must',
  profiles: ['mtls', 'fedtls'],
  appliesTo: needsMtls,
  forEach: oneListOp,
  async run(ctx, op) {
    await expectTlsRefusal(ctx, op, { en: 'to a client without a certificate', sv: 'för en klient utan certifikat' }, {})
  },
})
