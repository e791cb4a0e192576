import { defineCheck } from '../../src/core/check.js'
import { entityOf, profileOps, recordLists, walkList } from './_shared.js'

export default defineCheck({
  id: 'EXPORT-COVERAGE-014',
  title: {
    en: 'Coverage: every list of the profile exports records; an empty one is flagged for the customer to confirm',
    sv: 'Täckning: varje lista i profilen exporterar poster; en tom lista flaggas för kunden att bekräfta',
  },
  requirements: ['EU-DA-2.38', 'EU-DA-23'],
  // should: an empty list may be true (no duties registered yet); only the customer can tell, so it is flagged.
  severity: 'should',
  profiles: ['core', 'skolverket-dnp'],
  async run(ctx) {
    const counts: string[] = []
    for (const op of recordLists(profileOps(ctx))) {
      const w = await walkList(ctx, op, { limit: 1000 })
      counts.push(`${entityOf(op)}: ${w.records.length}`)
      if (!w.records.length) {
        ctx.report({
          en: `${op.key} exports no record: no data, or data that is not exported? Confirm with the records you keep`,
          sv: `${op.key} exporterar ingen post: finns inga uppgifter, eller exporteras de inte? Stäm av mot era egna register`,
        }, {
          expected: { en: 'at least one record, or the customer’s confirmation that there are none', sv: 'minst en post, eller kundens bekräftelse att det inte finns några' },
          actual: { en: 'an empty list', sv: 'en tom lista' },
          evidence: w.exchanges,
        })
      }
    }
    ctx.note(counts.join(', '))
  },
})
