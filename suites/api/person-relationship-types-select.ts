import { defineCheck } from '../../src/core/check.js'
import { CheckSkip } from '../../src/core/failure.js'
import { knownPairs, loadSamples, related } from './_relationships.js'
import { few, hasParam, listOps, pageData, paramEnum, sampleRecords } from './_shared.js'

type Rec = Record<string, unknown>

/** How many returned persons beyond the known ones are looked up on their own, per relation type. */
const VERIFY = 5

export default defineCheck({
  id: 'API-FILTER-009',
  title: {
    en: 'GET /persons relationship.entity.type with relationship.organisation returns exactly the persons with that kind of relation to the organisation, for every type the spec lists',
    sv: 'GET /persons relationship.entity.type med relationship.organisation returnerar exakt de personer som har den sortens relation till organisationen, för varje typ som specifikationen anger',
  },
  requirements: ['SS12000-FILTER-RELATIONSHIP-TYPE'],
  severity: 'must',
  profiles: ['full-2.1'],
  needs: ['API-CAPABILITY-001'],
  forEach: (ops) => listOps(ops).filter((o) => o.path === '/persons' && hasParam(o, 'relationship.entity.type') && hasParam(o, 'relationship.organisation')),
  async run(ctx, op) {
    const samples = await loadSamples(ctx, await sampleRecords(ctx, op, 100))
    const tried: string[] = []
    for (const type of paramEnum(op, 'relationship.entity.type')) {
      // The organisation fewest sampled persons are related to in this way, so a filter that is ignored shows.
      const [org, known] = [...knownPairs(type, samples).entries()].sort((a, b) => a[1].size - b[1].size || (a[0] < b[0] ? -1 : 1))[0] ?? []
      if (!org || !known) {
        ctx.note({ en: `${type}: no sampled record shows such a relation; not tried`, sv: `${type}: ingen utvald post visar en sådan relation; prövades inte` })
        continue
      }
      tried.push(type)
      const res = await ctx.call(op, { query: { 'relationship.entity.type': type, 'relationship.organisation': org, limit: 100 } })
      const data = pageData(ctx, res, op) as Rec[]
      const what = { en: `only persons with a ${type} relation to ${org}`, sv: `endast personer med en relation av typen ${type} till ${org}` }
      const got = new Set(data.map((r) => String(r.id).toLowerCase()))
      const missing = [...known].filter((p) => !got.has(p))
      if (missing.length && !(res.json as { pageToken?: unknown }).pageToken) {
        const m = few(missing, 3)
        ctx.report({ en: `relationship.entity.type=${type} left out persons related to ${org}`, sv: `relationship.entity.type=${type} utelämnade personer med relation till ${org}` }, {
          expected: what,
          actual: { en: `missing ${m}`, sv: `saknas: ${m}` },
          evidence: [res.exchangeId] })
      }
      const outside: string[] = []
      for (const r of data.filter((x) => !known.has(String(x.id).toLowerCase())).slice(0, VERIFY)) {
        if ((await related(ctx, type, r, org)) === false) outside.push(String(r.id))
      }
      if (outside.length) {
        const o = few(outside, 3)
        ctx.report({ en: `relationship.entity.type=${type} returned persons without that relation to ${org}`, sv: `relationship.entity.type=${type} returnerade personer utan den relationen till ${org}` }, {
          expected: what,
          actual: { en: `${o} (of ${data.length} returned)`, sv: `${o} (av ${data.length} returnerade)` },
          evidence: [res.exchangeId] })
      }
    }
    if (!tried.length) throw new CheckSkip({ en: 'no sampled record shows any relation the relationship.entity.type filter selects on', sv: 'ingen post i urvalet visar någon relation som filtret relationship.entity.type väljer på' })
    ctx.note({ en: `relation types tried: ${tried.join(', ')}`, sv: `relationstyper som prövades: ${tried.join(', ')}` })
  },
})
