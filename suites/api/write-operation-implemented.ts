import { defineCheck } from '../../src/core/check.js'
import { writesAllowed } from './_writes.js'

// 404, 405 and 501 to a POST the profile demands mean the operation is not there. The probe's body is empty ({}),
// which every write operation of 2.1.0 refuses (each has required members), so a conformant target changes nothing
// and answers 400. PATCH and DELETE of /{id} are left to API-SUB-004/005 and API-WRITE-002: for an unknown id a
// missing route and a missing record both answer 404.
const ABSENT = [404, 405, 501]

export default defineCheck({
  id: 'API-CAPABILITY-002',
  title: {
    en: 'Every write operation (POST) the profile demands is implemented',
    sv: 'Varje skrivoperation (POST) som profilen kräver är implementerad',
  },
  requirements: ['KONFORM-PROFILE-OPERATIONS'],
  severity: 'must',
  profiles: ['write-mode', 'full-2.1'],
  appliesTo: writesAllowed,
  changesData: true,
  forEach: (ops) => ops.filter((o) => !o.readOnly && o.method === 'POST' && !o.path.includes('{')),
  async run(ctx, op) {
    const res = await ctx.call(op, { body: {} })
    if (ABSENT.includes(res.status)) {
      ctx.fail({ en: `${op.key} is not implemented`, sv: `${op.key} är inte implementerad` }, {
        expected: { en: `an answer to ${op.key} as the spec describes it (400 for an empty body)`, sv: `ett svar på ${op.key} enligt specifikationen (400 för en tom kropp)` },
        actual: `HTTP ${res.status}`,
        evidence: [res.exchangeId] })
    }
    ctx.note({ en: `${op.key} answered ${res.status} to an empty body`, sv: `${op.key} svarade ${res.status} på en tom kropp` })
    // A target that took the empty body made a record of it: remove it where the spec offers a DELETE (API-WRITE-001 judges the acceptance).
    const id = (res.json as { id?: unknown } | undefined)?.id
    const del = ctx.spec.operation(`DELETE ${op.path}/{id}`)
    if (res.status >= 200 && res.status < 300 && typeof id === 'string' && del) await ctx.call(del, { path: { id } })
  },
})
