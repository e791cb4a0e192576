import { defineCheck, type CheckId } from '../../src/core/check.js'
import { expectTlsRefusal, needsMtls, oneListOp } from './_tls.js'

export default defineCheck({
  id: 'AUTH-FEDTLS-SRV-009' as CheckId, // two-part topic: the template type cannot infer it
  title: { en: 'TLS below version 1.2 is refused', sv: 'TLS under version 1.2 nekas' },
  requirements: ['FEDTLS-TLS12', 'RFC8705-2'],
  severity: 'must',
  profiles: ['mtls', 'fedtls'],
  appliesTo: needsMtls,
  forEach: oneListOp,
  async run(ctx, op) {
    // With the run's own certificate: only the protocol version is wrong.
    await expectTlsRefusal(ctx, op, { en: 'over TLS 1.1 or older', sv: 'över TLS 1.1 eller äldre' }, { cert: ctx.tls?.cert, key: ctx.tls?.key, maxVersion: 'TLSv1.1' })
  },
})
