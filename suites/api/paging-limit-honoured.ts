import { defineCheck } from '../../src/core/check.js'
import { pageData, pagedListOps, requiredQuery } from './_shared.js'

export default defineCheck({
  id: 'API-PAGING-002',
  title: {
    en: 'A page holds no more records than limit asks for',
    sv: 'En sida innehåller inte fler poster än limit anger',
  },
  requirements: ['SS12000-PARAM-LIMIT'],
  severity: 'must',
  profiles: ['core', 'skolverket-dnp', 'full-2.1'],
  needs: ['API-CAPABILITY-001'],
  forEach: pagedListOps,
  async run(ctx, op) {
    const limit = 2
    const res = await ctx.call(op, { query: { ...requiredQuery(op), limit } })
    const data = pageData(ctx, res, op)
    if (data.length > limit) {
      ctx.fail({ en: `${op.key}?limit=${limit} served ${data.length} records`, sv: `${op.key}?limit=${limit} levererade ${data.length} poster` }, { expected: { en: `at most ${limit}`, sv: `högst ${limit}` }, actual: String(data.length), evidence: [res.exchangeId] })
    }
    const token = (res.json as { pageToken?: unknown }).pageToken
    if (data.length < limit && !token) ctx.note({ en: `the list holds only ${data.length} record(s), so limit could not cut it`, sv: `listan innehåller bara ${data.length} post(er), så limit kunde inte korta den` })
  },
})
