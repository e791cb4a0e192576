import { defineCheck } from '../../src/core/check.js'
import { deleteQuietly, only, subscribe, writesAllowed } from './_writes.js'

export default defineCheck({
  id: 'API-SUB-004',
  title: {
    en: 'Renewing a subscription (PATCH) moves its expiry later',
    sv: 'Att förnya en prenumeration (PATCH) flyttar dess utgångstid framåt',
  },
  requirements: ['SS12000-SUBSCRIPTION-RENEW', 'SS12000-RESPONSE-SCHEMA'],
  severity: 'must',
  profiles: ['write-mode', 'full-2.1'],
  appliesTo: writesAllowed,
  changesData: true,
  forEach: only('PATCH /subscriptions/{id}'),
  async run(ctx, op) {
    const sub = await subscribe(ctx)
    try {
      // Two renewals: the second must end later than the first, whatever the creation answer held.
      const first = await ctx.call(op, { path: { id: sub.id } })
      ctx.expectStatus(first, 200, { en: `${op.key} did not renew the subscription`, sv: `${op.key} förnyade inte prenumerationen` })
      ctx.expectResponseSchema(first, op)
      await new Promise((resolve) => setTimeout(resolve, 1100)) // a second apart, for expiries kept to the second
      const second = await ctx.call(op, { path: { id: sub.id } })
      ctx.expectStatus(second, 200, { en: `${op.key} did not renew the subscription a second time`, sv: `${op.key} förnyade inte prenumerationen en andra gång` })
      ctx.expectResponseSchema(second, op)
      const [a, b] = [first, second].map((r) => String((r.json as { expires?: unknown }).expires))
      if (!(Date.parse(b) > Date.parse(a))) {
        ctx.fail({ en: 'renewing did not move expires later', sv: 'förnyelsen flyttade inte fram expires' }, { expected: { en: `expires later than ${a}`, sv: `expires senare än ${a}` }, actual: b, evidence: [first.exchangeId, second.exchangeId] })
      }
    } finally {
      await deleteQuietly(ctx, 'DELETE /subscriptions/{id}', sub.id)
    }
  },
})
