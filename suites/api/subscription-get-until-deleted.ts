import { defineCheck } from '../../src/core/check.js'
import { deleteQuietly, only, subscribe, writesAllowed } from './_writes.js'

export default defineCheck({
  id: 'API-SUB-003',
  title: {
    en: 'A subscription is served by its id until it is deleted, then answered 404',
    sv: 'En prenumeration levereras per id tills den tas bort, därefter besvaras den med 404',
  },
  requirements: ['SS12000-SUBSCRIPTION-READ', 'SS12000-SUBSCRIPTION-DELETE'],
  severity: 'must',
  profiles: ['write-mode', 'full-2.1'],
  appliesTo: writesAllowed,
  changesData: true,
  forEach: only('GET /subscriptions/{id}'),
  async run(ctx, op) {
    const sub = await subscribe(ctx)
    let deleted = false
    try {
      const got = await ctx.call(op, { path: { id: sub.id } })
      ctx.expectStatus(got, 200, { en: `${op.key} did not serve the subscription just created`, sv: `${op.key} levererade inte den nyss skapade prenumerationen` })
      ctx.expectResponseSchema(got, op)
      const body = got.json as { id?: unknown }
      if (body.id !== sub.id) ctx.fail({ en: `${op.key} served another subscription`, sv: `${op.key} levererade en annan prenumeration` }, { expected: sub.id, actual: String(body.id), evidence: [got.exchangeId] })
      const del = await ctx.call('DELETE /subscriptions/{id}', { path: { id: sub.id } })
      ctx.expectStatus(del, [200, 204], { en: 'DELETE /subscriptions/{id} did not delete the subscription', sv: 'DELETE /subscriptions/{id} tog inte bort prenumerationen' }) // 204 itself: API-SUB-005
      deleted = true
      const after = await ctx.call(op, { path: { id: sub.id } })
      ctx.expectStatus(after, 404, { en: `${op.key} still serves the subscription after DELETE`, sv: `${op.key} levererar fortfarande prenumerationen efter DELETE` })
    } finally {
      if (!deleted) await deleteQuietly(ctx, 'DELETE /subscriptions/{id}', sub.id)
    }
  },
})
