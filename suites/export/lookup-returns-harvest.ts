import { defineCheck } from '../../src/core/check.js'
import { few, idOf, walkList } from './_shared.js'

const CHUNK = 50

export default defineCheck({
  id: 'EXPORT-LOOKUP-008',
  title: {
    en: 'Looking up the harvested ids in chunks returns exactly the harvested records',
    sv: 'Uppslag av de hämtade id:na i omgångar ger exakt de hämtade posterna',
  },
  requirements: ['SS12000-LOOKUP'],
  severity: 'should',
  profiles: ['core'],
  forEach: (ops) => ops.filter((o) => o.kind === 'lookup' && ops.some((l) => l.key === `GET ${o.path.replace(/\/lookup$/, '')}`)),
  async run(ctx, op) {
    const list = ctx.spec.operation(`GET ${op.path.replace(/\/lookup$/, '')}`)!
    const ids = [...new Set((await walkList(ctx, list)).records.map((r) => String(idOf(r))))]
    const found = new Set<string>()
    const extra: string[] = []
    const evidence: string[] = []
    for (let i = 0; i < ids.length; i += CHUNK) {
      const asked = new Set(ids.slice(i, i + CHUNK))
      const res = await ctx.call(op, { body: { ids: [...asked] } })
      evidence.push(res.exchangeId)
      ctx.expectStatus(res, 200, { en: `${op.key} did not answer`, sv: `${op.key} svarade inte` })
      const got = ctx.expectJson(res, { en: `the answer of ${op.key}`, sv: `svaret från ${op.key}` })
      const records = Array.isArray(got) ? got : ((got as { data?: unknown[] })?.data ?? [])
      for (const r of records) {
        const id = String(idOf(r))
        if (asked.has(id)) found.add(id)
        else extra.push(id)
      }
    }
    const missing = ids.filter((id) => !found.has(id))
    ctx.note({ en: `${ids.length} harvested ids looked up in ${evidence.length} chunk(s) of at most ${CHUNK}`, sv: `${ids.length} hämtade id:n slogs upp i ${evidence.length} omgång(ar) om högst ${CHUNK}` })
    if (missing.length) ctx.report({ en: `${missing.length} harvested id(s) were not returned by ${op.key}`, sv: `${missing.length} hämtade id returnerades inte av ${op.key}` }, { actual: few(missing), evidence })
    if (extra.length) ctx.report({ en: `${op.key} returned ${extra.length} record(s) that were not asked for`, sv: `${op.key} returnerade ${extra.length} post(er) som inte efterfrågades` }, { actual: few(extra), evidence })
  },
})
