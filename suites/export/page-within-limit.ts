import { defineCheck } from '../../src/core/check.js'
import { hasParam } from '../api/_shared.js'
import { recordLists } from './_shared.js'

export default defineCheck({
  id: 'EXPORT-LIMIT-005',
  title: {
    en: 'No page holds more records than limit asks for',
    sv: 'Ingen sida innehåller fler poster än limit begär',
  },
  requirements: ['SS12000-PARAM-LIMIT'],
  severity: 'should',
  profiles: ['core', 'skolverket-dnp'],
  forEach: (ops) => recordLists(ops).filter((o) => hasParam(o, 'limit')),
  async run(ctx, op) {
    const limit = 2
    let query: Record<string, string | number> = { limit }
    for (let n = 1; n <= 50; n++) {
      const res = await ctx.call(op, { query })
      ctx.expectStatus(res, 200, { en: `page ${n} of ${op.key} was not served`, sv: `sida ${n} av ${op.key} levererades inte` })
      const body = ctx.expectJson(res, { en: `page ${n} of ${op.key}`, sv: `sida ${n} av ${op.key}` }) as { data?: unknown[]; pageToken?: unknown }
      const size = Array.isArray(body?.data) ? body.data.length : 0
      if (size > limit) ctx.fail({ en: `page ${n} of ${op.key} holds ${size} records, more than limit=${limit}`, sv: `sida ${n} av ${op.key} innehåller ${size} poster, fler än limit=${limit}` }, { expected: { en: `at most ${limit}`, sv: `högst ${limit}` }, actual: String(size), evidence: [res.exchangeId] })
      if (typeof body?.pageToken !== 'string' || !body.pageToken) return
      query = { pageToken: body.pageToken, limit }
    }
    ctx.note({ en: `the first 50 pages of ${op.key} each held at most ${limit} records`, sv: `de första 50 sidorna i ${op.key} innehöll var och en högst ${limit} poster` })
  },
})
