import { randomUUID } from 'node:crypto'
import { defineCheck } from '../../src/core/check.js'
import { few, lookupOps, sampleIdentified } from './_shared.js'

export default defineCheck({
  id: 'API-LOOKUP-001',
  title: {
    en: 'A lookup by ids returns exactly the known records asked for',
    sv: 'Ett uppslag på id:n returnerar exakt de kända poster som efterfrågas',
  },
  requirements: ['SS12000-LOOKUP'],
  severity: 'must',
  profiles: ['core', 'full-2.1'],
  needs: ['API-CAPABILITY-001'],
  forEach: lookupOps,
  async run(ctx, op) {
    const known = (await sampleIdentified(ctx, op, 2)).map((r) => String(r.id))
    const unknown = randomUUID()
    const res = await ctx.call(op, { body: { ids: [...known, unknown] } })
    ctx.expectStatus(res, 200, { en: `${op.key} did not answer 200`, sv: `${op.key} svarade inte 200` })
    const body = ctx.expectJson(res, { en: `the answer of ${op.key}`, sv: `svaret från ${op.key}` })
    if (!Array.isArray(body)) ctx.fail({ en: `the answer of ${op.key} is not an array`, sv: `svaret från ${op.key} är inte en lista` }, { evidence: [res.exchangeId] })
    const got = (body as { id?: unknown }[]).map((r) => String(r?.id))
    const missing = known.filter((id) => !got.includes(id))
    const extra = got.filter((id) => !known.includes(id))
    if (missing.length || extra.length) {
      ctx.fail({ en: `${op.key} did not return exactly the records asked for`, sv: `${op.key} returnerade inte exakt de efterfrågade posterna` }, {
        expected: { en: `ids ${few(known)} (the unknown ${unknown} left out)`, sv: `id ${few(known)} (det okända ${unknown} utelämnat)` },
        actual: {
          en: `${got.length} record(s)${missing.length ? `; missing ${few(missing)}` : ''}${extra.length ? `; not asked for ${few(extra)}` : ''}`,
          sv: `${got.length} post(er)${missing.length ? `; saknas: ${few(missing)}` : ''}${extra.length ? `; inte efterfrågade: ${few(extra)}` : ''}`,
        },
        evidence: [res.exchangeId],
      })
    }
  },
})
