import { defineCheck } from '../../src/core/check.js'
import { deleteQuietly, only, subscribe, writesAllowed } from './_writes.js'

export default defineCheck({
  id: 'API-SUB-005',
  title: {
    en: 'Deleting a subscription is answered 204',
    sv: 'Att ta bort en prenumeration besvaras med 204',
  },
  requirements: ['SS12000-SUBSCRIPTION-DELETE'],
  severity: 'must',
  profiles: ['write-mode', 'full-2.1'],
  appliesTo: writesAllowed,
  changesData: true,
  forEach: only('DELETE /subscriptions/{id}'),
  async run(ctx, op) {
    const sub = await subscribe(ctx)
    const res = await ctx.call(op, { path: { id: sub.id } })
    if (res.status >= 300) await deleteQuietly(ctx, op.key, sub.id)
    ctx.expectStatus(res, 204, { en: `${op.key} did not answer 204`, sv: `${op.key} svarade inte 204` })
  },
})
