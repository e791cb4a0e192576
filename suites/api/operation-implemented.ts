import { defineCheck } from '../../src/core/check.js'
import { CheckSkip } from '../../src/core/failure.js'
import type { HttpResponse } from '../../src/http/client.js'
import { hasParam, listOpFor, pageData, requiredQuery } from './_shared.js'

// 404, 405 and 501 on a route the profile demands mean it is not there. (404 for an unknown id is a different
// thing: the item operation is probed with an id its own list served.)
const ABSENT = [404, 405, 501]

export default defineCheck({
  id: 'API-CAPABILITY-001',
  title: {
    en: 'Every operation the profile demands is implemented',
    sv: 'Varje operation som profilen kräver är implementerad',
  },
  requirements: ['KONFORM-PROFILE-OPERATIONS'],
  severity: 'must',
  profiles: ['core', 'skolverket-dnp', 'full-2.1'],
  forEach: (ops) => ops.filter((o) => o.readOnly),
  async run(ctx, op) {
    const absent = (res: HttpResponse) => {
      if (ABSENT.includes(res.status)) {
        ctx.fail({ en: `${op.key} is not implemented`, sv: `${op.key} är inte implementerad` }, {
          expected: { en: `an answer to ${op.key} as the spec describes it`, sv: `ett svar på ${op.key} som specifikationen beskriver det` },
          actual: `HTTP ${res.status}`, evidence: [res.exchangeId] })
      }
      // A 2xx that is not JSON (an HTML page, a login form) is not the operation either.
      if (res.status >= 200 && res.status < 300) ctx.expectJson(res, { en: `the answer of ${op.key}`, sv: `svaret från ${op.key}` })
    }
    if (op.kind === 'list') {
      absent(await ctx.call(op, { query: { ...requiredQuery(op), limit: hasParam(op, 'limit') ? 1 : undefined } }))
      return
    }
    if (op.kind === 'lookup') {
      absent(await ctx.call(op, { body: { ids: [] } }))
      return
    }
    const list = listOpFor(ctx, op)
    const page = await ctx.call(list, { query: { ...requiredQuery(list), limit: hasParam(list, 'limit') ? 1 : undefined } })
    const [record] = pageData(ctx, page, list) as { id?: unknown }[]
    if (typeof record?.id !== 'string') throw new CheckSkip({ en: `${list.key} served no record whose id could probe ${op.key}`, sv: `${list.key} levererade ingen post vars id kunde pröva ${op.key}` })
    const res = await ctx.call(op, { path: { id: record.id } })
    if (res.status === 404) {
      // The route may be there but not find the record its own list served (unstable ids): say which it is.
      const probe = await ctx.call(op, { path: { id: 'not-a-uuid' } })
      if (probe.status === 400) ctx.fail({ en: `${op.key} answered 404 for ${record.id}, an id its own list served`, sv: `${op.key} svarade 404 för ${record.id}, ett id som den egna listan levererade` }, {
          expected: { en: 'HTTP 200 with that record', sv: 'HTTP 200 med den posten' },
          actual: 'HTTP 404', evidence: [res.exchangeId, probe.exchangeId] })
    }
    absent(res)
  },
})
