import { CheckSkip } from '../../src/core/failure.js'
import { defineCheck } from '../../src/core/check.js'
import { hasParam, listOps, pageData, sampleRecords } from './_shared.js'

type Named = { id?: unknown; givenName?: string; middleName?: string; familyName?: string }

export default defineCheck({
  id: 'API-FILTER-003',
  title: {
    en: 'nameContains matches case-insensitively, anywhere in any name field',
    sv: 'nameContains matchar skiftlägesokänsligt, var som helst i något namnfält',
  },
  requirements: ['SS12000-FILTER-NAMECONTAINS'],
  severity: 'must',
  profiles: ['core', 'full-2.1'],
  needs: ['API-CAPABILITY-001'],
  forEach: (ops) => listOps(ops).filter((o) => hasParam(o, 'nameContains')),
  async run(ctx, op) {
    const person = (await sampleRecords(ctx, op, 20)).find((p) => typeof (p as Named).familyName === 'string' && (p as Named).familyName!.length >= 3) as Named | undefined
    if (!person) throw new CheckSkip({ en: 'no person with a family name of three letters or more', sv: 'ingen person med ett efternamn på tre bokstäver eller fler' })
    // A piece from inside the family name, in swapped case: only a case-insensitive search finds it.
    const name = person.familyName!
    const piece = name.slice(1, Math.min(name.length, 5))
    const swapped = [...piece].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join('')
    const res = await ctx.call(op, { query: { nameContains: swapped } })
    const data = pageData(ctx, res, op) as Named[]
    if (!data.some((p) => String(p.id) === String(person.id))) {
      ctx.report({ en: `nameContains=${swapped} did not find the person whose family name contains "${piece}"`, sv: `nameContains=${swapped} hittade inte personen vars efternamn innehåller "${piece}"` }, {
        expected: { en: `person ${String(person.id)} among the results`, sv: `personen ${String(person.id)} bland träffarna` },
        actual: { en: `${data.length} result(s) without it`, sv: `${data.length} träff(ar) utan den` },
        evidence: [res.exchangeId],
      })
    }
    const needle = swapped.toLowerCase()
    const stray = data.filter((p) => ![p.givenName, p.middleName, p.familyName].some((n) => n?.toLowerCase().includes(needle)))
    if (stray.length) ctx.report({ en: `nameContains=${swapped} returned persons whose names do not contain it`, sv: `nameContains=${swapped} returnerade personer vars namn inte innehåller det` }, {
        actual: { en: `${stray.length} such, e.g. ${String(stray[0].id)}`, sv: `${stray.length} sådana, t.ex. ${String(stray[0].id)}` },
        evidence: [res.exchangeId] })
  },
})
