import { CheckSkip } from '../../src/core/failure.js'
import { defineCheck } from '../../src/core/check.js'
import { bodyProperties, few, listOpFor, lookupOps, sampleRecords } from './_shared.js'

type P = { id?: unknown; civicNo?: { value?: unknown } }

export default defineCheck({
  id: 'API-LOOKUP-002',
  title: {
    en: 'Persons can be looked up by civic number',
    sv: 'Personer kan slås upp på personnummer',
  },
  requirements: ['SS12000-LOOKUP-CIVICNO', 'SS12000-LOOKUP'],
  severity: 'must',
  profiles: ['core', 'full-2.1'],
  needs: ['API-CAPABILITY-001'],
  forEach: (ops) => lookupOps(ops).filter((o) => o.path === '/persons/lookup'),
  async run(ctx, op) {
    if (!bodyProperties(ctx, op).includes('civicNos')) throw new CheckSkip({ en: `the spec's ${op.key} body has no civicNos`, sv: `specifikationens kropp för ${op.key} har inget civicNos` })
    const people = ((await sampleRecords(ctx, listOpFor(ctx, op), 20)) as P[]).filter((p) => typeof p.civicNo?.value === 'string').slice(0, 2)
    if (!people.length) throw new CheckSkip({ en: 'no person in the sample has a civic number', sv: 'ingen person i urvalet har ett personnummer' })
    const res = await ctx.call(op, { body: { civicNos: people.map((p) => String(p.civicNo!.value)) } })
    ctx.expectStatus(res, 200, { en: `${op.key} did not answer 200`, sv: `${op.key} svarade inte 200` })
    const got = ((ctx.expectJson(res, { en: `the answer of ${op.key}`, sv: `svaret från ${op.key}` }) as P[] | undefined) ?? []).map((p) => String(p?.id))
    const want = people.map((p) => String(p.id))
    const missing = want.filter((id) => !got.includes(id))
    if (missing.length || got.length !== want.length) {
      ctx.fail({ en: `looking up ${want.length} person(s) by civicNos did not return exactly them`, sv: `uppslagning av ${want.length} person(er) med civicNos returnerade inte exakt dem` }, {
        expected: `id ${few(want)}`,
        actual: {
          en: `${got.length} record(s)${missing.length ? `; missing ${few(missing)}` : ''}`,
          sv: `${got.length} post(er)${missing.length ? `; saknas: ${few(missing)}` : ''}`,
        },
        evidence: [res.exchangeId],
      })
    }
  },
})
