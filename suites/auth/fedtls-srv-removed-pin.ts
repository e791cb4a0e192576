import { defineCheck, type CheckId } from '../../src/core/check.js'
import { CheckError, CheckSkip } from '../../src/core/failure.js'
import { refused } from '../../src/http/tls-probe.js'
import { oneListOp } from './_tls.js'
import { needsControl, outcome, requestAs, served, withChange } from './_fedtls.js'

export default defineCheck({
  id: 'AUTH-FEDTLS-SRV-006' as CheckId, // two-part topic: the template type cannot infer it
  title: {
    en: 'A client whose pin is removed from newly published metadata is refused once the server has taken it',
    sv: 'En klient vars pinne tas bort ur nypublicerad metadata nekas när servern har läst in den',
  },
  requirements: ['FEDTLS-PINS', 'FEDTLS-MD-CACHE'],
  severity: 'must',
  profiles: ['fedtls'],
  // It changes the federation every other check relies on: after them, one change at a time.
  changesData: true,
  appliesTo: needsControl,
  forEach: oneListOp,
  async run(ctx, op) {
    const me = { cert: ctx.tls?.cert, key: ctx.tls?.key }
    const before = await requestAs(ctx, op, me)
    if (!served(before)) throw new CheckError({ en: `konform's pinned client is not served before the change (${outcome(before)}): nothing to take away`, sv: `konforms pinnade klient besvaras inte före ändringen (${outcome(before)}): det finns inget att ta bort` })
    await withChange(ctx, 'drop-client-pin', async () => {
      const after = await requestAs(ctx, op, me)
      const u = ctx.plan.fedtls?.unpinned
      if (!refused(after) && u && !refused(await requestAs(ctx, op, u))) {
        throw new CheckSkip({
          en: `a certificate never pinned is served too: AUTH-FEDTLS-SRV-004's finding, the removal cannot be judged`,
          sv: `även ett certifikat som aldrig pinnats betjänas: det är AUTH-FEDTLS-SRV-004:s fynd, borttagningen kan inte bedömas`,
        })
      }
      if (!refused(after)) {
        ctx.fail({ en: `${op.key} was still served to a client whose pin the federation removed ("Revocation = remove the pin")`, sv: `${op.key} besvarades fortfarande för en klient vars pinne federationen har tagit bort ("Revocation = remove the pin")` }, {
          expected: { en: 'the TLS handshake refused, or HTTP 401/403', sv: 'TLS-handskakningen nekad, eller HTTP 401/403' },
          actual: `${outcome(after)} (before the change: ${outcome(before)})`,
          evidence: [before.exchange.id, after.exchange.id],
        })
      }
      ctx.note({ en: `after the pin was removed: refused (${outcome(after)})`, sv: `efter att pinnen tagits bort: nekad (${outcome(after)})` })
    })
  },
})
