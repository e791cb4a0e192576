import { defineCheck, type CheckId } from '../../src/core/check.js'
import { CheckError } from '../../src/core/failure.js'
import { refused } from '../../src/http/tls-probe.js'
import { oneListOp } from './_tls.js'
import { needsControl, outcome, requestAs, served, withChange } from './_fedtls.js'

export default defineCheck({
  id: 'AUTH-FEDTLS-SRV-008' as CheckId, // two-part topic: the template type cannot infer it
  title: {
    en: 'When the metadata is no longer published and its exp passes, the server stops accepting federation clients',
    sv: 'När metadatan inte längre publiceras och dess exp passeras slutar servern ta emot federationens klienter',
  },
  requirements: ['FEDTLS-MD-EXPIRY'],
  severity: 'must',
  profiles: ['fedtls'],
  changesData: true,
  appliesTo: needsControl,
  forEach: oneListOp,
  async run(ctx, op) {
    const me = { cert: ctx.tls?.cert, key: ctx.tls?.key }
    const before = await requestAs(ctx, op, me)
    if (!served(before)) throw new CheckError({ en: `konform's pinned client is not served before the change (${outcome(before)})`, sv: `konforms pinnade klient besvaras inte före ändringen (${outcome(before)})` })
    await withChange(ctx, 'stop-and-expire', async () => {
      const after = await requestAs(ctx, op, me)
      if (!refused(after)) {
        ctx.fail({ en: `${op.key} was served on expired metadata ("Once expired, metadata MUST no longer be trusted")`, sv: `${op.key} besvarades trots att metadatan har gått ut ("Once expired, metadata MUST no longer be trusted")` }, {
          expected: { en: 'the TLS handshake refused, or HTTP 401/403', sv: 'TLS-handskakningen nekad, eller HTTP 401/403' },
          actual: `${outcome(after)} (before the change: ${outcome(before)})`,
          evidence: [before.exchange.id, after.exchange.id],
        })
      }
      ctx.note({ en: `after exp passed: refused (${outcome(after)})`, sv: `efter att exp passerats: nekad (${outcome(after)})` })
    })
  },
})
