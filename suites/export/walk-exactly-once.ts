import { defineCheck } from '../../src/core/check.js'
import { few, idOf, recordLists, walkList } from './_shared.js'

export default defineCheck({
  id: 'EXPORT-ONCE-003',
  title: {
    en: 'A full walk serves every record exactly once: no id appears twice within or across pages',
    sv: 'En hel genomgång levererar varje post exakt en gång: inget id förekommer två gånger på eller mellan sidor',
  },
  requirements: ['SS12000-LIST-ENVELOPE', 'SS12000-ID-PERSISTENT'],
  severity: 'must',
  profiles: ['core', 'skolverket-dnp'],
  forEach: recordLists,
  async run(ctx, op) {
    const w = await walkList(ctx, op, { limit: 5 })
    const seen = new Set<string>()
    const twice = new Set<string>()
    for (const r of w.records) {
      const id = String(idOf(r))
      ;(seen.has(id) ? twice : seen).add(id)
    }
    ctx.note({
      en: `${w.records.length} records, ${seen.size} distinct ids, in ${w.pages} page(s) with limit=5`,
      sv: `${w.records.length} poster, ${seen.size} olika id:n, på ${w.pages} sida/sidor med limit=5`,
    })
    if (twice.size) {
      ctx.fail({ en: `${op.key} served ${twice.size} record(s) more than once in one walk`, sv: `${op.key} levererade ${twice.size} post(er) mer än en gång under en genomgång` }, {
        expected: { en: 'every id once', sv: 'varje id en gång' },
        actual: few([...twice]),
        evidence: w.exchanges,
      })
    }
  },
})
