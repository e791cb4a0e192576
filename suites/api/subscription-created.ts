import { defineCheck } from '../../src/core/check.js'
import { deleteQuietly, only, subscribe, writesAllowed } from './_writes.js'

export default defineCheck({
  id: 'API-SUB-001',
  title: {
    en: 'Creating a subscription is answered 201 with its id and a future expiry',
    sv: 'Att skapa en prenumeration besvaras med 201, dess id och ett framtida utgångsdatum',
  },
  requirements: ['SS12000-SUBSCRIPTION-CREATE', 'SS12000-RESPONSE-SCHEMA'],
  severity: 'must',
  profiles: ['write-mode', 'full-2.1'],
  appliesTo: writesAllowed,
  changesData: true,
  forEach: only('POST /subscriptions'),
  async run(ctx, op) {
    const sub = await subscribe(ctx)
    try {
      ctx.expectResponseSchema(sub.res, op)
      const expires = Date.parse(String(sub.body.expires))
      if (!(expires > Date.now())) {
        ctx.fail({ en: 'the new subscription expires in the past', sv: 'den nya prenumerationen har ett utgångsdatum som redan passerat' }, { expected: { en: 'expires later than now', sv: 'expires senare än nu' }, actual: String(sub.body.expires), evidence: [sub.res.exchangeId] })
      }
    } finally {
      await deleteQuietly(ctx, 'DELETE /subscriptions/{id}', sub.id)
    }
  },
})
