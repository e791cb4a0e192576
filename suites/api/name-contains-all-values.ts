import { CheckSkip } from '../../src/core/failure.js'
import { defineCheck } from '../../src/core/check.js'
import { hasParam, listOps, pageData, sampleRecords } from './_shared.js'

type Named = { id?: unknown; givenName?: string; middleName?: string; familyName?: string }
const names = (p: Named) => [p.givenName, p.middleName, p.familyName].map((n) => (n ?? '').toLowerCase())

export default defineCheck({
  id: 'API-FILTER-004',
  title: {
    en: 'With several nameContains values, every value must match',
    sv: 'Med flera nameContains-värden måste samtliga värden matcha',
  },
  requirements: ['SS12000-FILTER-NAMECONTAINS'],
  severity: 'must',
  profiles: ['core', 'full-2.1'],
  needs: ['API-CAPABILITY-001'],
  forEach: (ops) => listOps(ops).filter((o) => hasParam(o, 'nameContains')),
  async run(ctx, op) {
    const people = (await sampleRecords(ctx, op, 50, 2)) as Named[]
    // Two persons whose given names share nothing: "<A's given name>" + "<B's given name>" must match neither
    // alone (unless one person carries both), and A's given + family name must still find A.
    const a = people.find((p) => p.givenName && p.familyName)
    const b = people.find((p) => p.givenName && a && !names(p).some((n) => n.includes(a.givenName!.toLowerCase())) && !names(a).some((n) => n.includes(p.givenName!.toLowerCase())))
    if (!a || !b) throw new CheckSkip({ en: 'no two persons with distinct given names in the sample', sv: 'urvalet har inte två personer med olika förnamn' })
    const both = await ctx.call(op, { query: { nameContains: [a.givenName!, a.familyName!] } })
    if (!(pageData(ctx, both, op) as Named[]).some((p) => String(p.id) === String(a.id))) {
      ctx.report({
        en: `nameContains=${a.givenName}&nameContains=${a.familyName} did not find the person with both names`,
        sv: `nameContains=${a.givenName}&nameContains=${a.familyName} hittade inte personen med båda namnen`,
      }, { evidence: [both.exchangeId] })
    }
    const res = await ctx.call(op, { query: { nameContains: [a.givenName!, b.givenName!] } })
    const data = pageData(ctx, res, op) as Named[]
    const wrong = data.filter((p) => ![a.givenName!, b.givenName!].every((v) => names(p).some((n) => n.includes(v.toLowerCase()))))
    if (wrong.length) {
      ctx.report({ en: 'persons matching only one of several nameContains values were returned', sv: 'personer som bara matchar ett av flera nameContains-värden returnerades' }, {
        expected: { en: `only persons whose names contain both "${a.givenName}" and "${b.givenName}"`, sv: `bara personer vars namn innehåller både "${a.givenName}" och "${b.givenName}"` },
        actual: { en: `${wrong.length} matching only one, e.g. ${String(wrong[0].id)}`, sv: `${wrong.length} som bara matchar ett, t.ex. ${String(wrong[0].id)}` },
        evidence: [res.exchangeId],
      })
    }
  },
})
