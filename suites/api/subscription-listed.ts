import { defineCheck } from '../../src/core/check.js'
import { walkPages } from './_shared.js'
import { deleteQuietly, only, subscribe, writesAllowed } from './_writes.js'

export default defineCheck({
  id: 'API-SUB-002',
  title: {
    en: 'A subscription that exists is listed by GET /subscriptions',
    sv: 'En prenumeration som finns listas av GET /subscriptions',
  },
  requirements: ['SS12000-SUBSCRIPTION-READ', 'SS12000-RESPONSE-SCHEMA'],
  severity: 'must',
  profiles: ['write-mode', 'full-2.1'],
  appliesTo: writesAllowed,
  changesData: true,
  forEach: only('GET /subscriptions'),
  async run(ctx, op) {
    const sub = await subscribe(ctx)
    try {
      const walk = await walkPages(ctx, op, undefined, 50)
      if (!walk.ids.includes(sub.id)) {
        ctx.fail({ en: 'the subscription just created is not listed', sv: 'den nyss skapade prenumerationen finns inte i listan' }, {
          expected: { en: `id ${sub.id} in the list`, sv: `id ${sub.id} i listan` },
          actual: { en: `${walk.ids.length} subscription(s) listed over ${walk.pages} page(s), not that one`, sv: `${walk.ids.length} prenumeration(er) listade på ${walk.pages} sida/sidor, men inte den` },
          evidence: [sub.res.exchangeId, ...walk.exchanges],
        })
      }
    } finally {
      await deleteQuietly(ctx, 'DELETE /subscriptions/{id}', sub.id)
    }
  },
})
