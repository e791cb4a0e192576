import { defineCheck, type CheckId } from '../../src/core/check.js'
import { CheckSkip } from '../../src/core/failure.js'
import { refused } from '../../src/http/tls-probe.js'
import { oneListOp } from './_tls.js'
import { needsControlAndUnpinned, outcome, requestAs, withChange } from './_fedtls.js'

export default defineCheck({
  id: 'AUTH-FEDTLS-SRV-007' as CheckId, // two-part topic: the template type cannot infer it
  title: {
    en: 'Metadata whose signature does not verify is not taken: a pin it adds is not accepted',
    sv: 'Metadata vars signatur inte verifieras tas inte i bruk: en pinne den lägger till godtas inte',
  },
  requirements: ['FEDTLS-MD-SIGNING', 'FEDTLS-PINS'],
  severity: 'must',
  profiles: ['fedtls'],
  changesData: true,
  appliesTo: needsControlAndUnpinned,
  forEach: oneListOp,
  async run(ctx, op) {
    const u = ctx.plan.fedtls!.unpinned!
    const before = await requestAs(ctx, op, u)
    if (!refused(before)) throw new CheckSkip({
        en: `the unpinned certificate is served before any change (${outcome(before)}): AUTH-FEDTLS-SRV-004's finding`,
        sv: `det opinnade certifikatet betjänas redan före ändringen (${outcome(before)}): det är AUTH-FEDTLS-SRV-004:s fynd`,
      })
    await withChange(ctx, 'tampered-add-unpinned', async () => {
      const after = await requestAs(ctx, op, u)
      if (!refused(after)) {
        ctx.fail({ en: `${op.key} was served to a certificate pinned only by metadata whose signature does not verify`, sv: `${op.key} besvarades för ett certifikat som bara pinnats av metadata vars signatur inte går att verifiera` }, {
          expected: { en: 'the old metadata kept: the TLS handshake refused, or HTTP 401/403', sv: 'den gamla metadatan behålls: TLS-handskakningen nekad, eller HTTP 401/403' },
          actual: `${outcome(after)} (before the change: ${outcome(before)})`,
          evidence: [before.exchange.id, after.exchange.id],
        })
      }
      ctx.note({ en: `after the tampered document: still refused (${outcome(after)})`, sv: `efter det manipulerade dokumentet: fortfarande nekad (${outcome(after)})` })
    })
  },
})
