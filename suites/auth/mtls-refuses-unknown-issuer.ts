import { defineCheck, type CheckId } from '../../src/core/check.js'
import { makeUntrustedClient } from '../../src/reference/pki.js'
import { expectTlsRefusal, needsMtls, oneListOp } from './_tls.js'

export default defineCheck({
  id: 'AUTH-FEDTLS-SRV-003' as CheckId, // two-part topic: the template type cannot infer it
  title: {
    en: 'A client certificate from an issuer the server does not trust is refused',
    sv: 'Ett klientcertifikat från en utfärdare som servern inte litar på nekas',
  },
  requirements: ['RFC8705-2', 'FEDTLS-AUTH'],
  severity: 'must',
  profiles: ['mtls', 'fedtls'],
  appliesTo: needsMtls,
  forEach: oneListOp,
  async run(ctx, op) {
    const rogue = await makeUntrustedClient()
    await expectTlsRefusal(ctx, op, { en: 'to a client with a self-signed certificate (unknown issuer)', sv: 'för en klient med ett självsignerat certifikat (okänd utfärdare)' }, { cert: rogue.cert, key: rogue.key })
  },
})
