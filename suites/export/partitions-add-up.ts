import { defineCheck } from '../../src/core/check.js'
import { hasParam } from '../api/_shared.js'
import { CheckSkip } from '../../src/core/failure.js'
import { few, idOf, profileOps, recordLists, walkList } from './_shared.js'

/**
 * EXP-011, partition consistency: a list that can be filtered by organisation, harvested once per exported
 * organisation, gives back exactly the unfiltered list: no record is reachable only unfiltered (hidden from every
 * organisation's harvest), and none only filtered (hidden from the full export). The union is compared, not the
 * sum: an organisation's filter also selects the records of the units below it.
 */
export default defineCheck({
  id: 'EXPORT-PARTITION-011',
  title: {
    en: 'Per-organisation harvests of a list add up to the unfiltered list: no record hidden from either',
    sv: 'Hämtningar per organisation av en lista motsvarar den ofiltrerade listan: ingen post döljs i någon av dem',
  },
  requirements: ['EU-DA-23', 'SS12000-FILTER-RELATION'],
  severity: 'should',
  profiles: ['skolverket-dnp'],
  forEach: (ops) => recordLists(ops).filter((o) => hasParam(o, 'organisation')),
  async run(ctx, op) {
    const orgOp = profileOps(ctx).find((o) => o.key === 'GET /organisations')
    if (!orgOp) throw new CheckSkip({ en: 'the profile exports no organisations to partition by', sv: 'profilen exporterar inga organisationer att dela upp efter' })
    const orgs = (await walkList(ctx, orgOp)).records.map((r) => String(idOf(r)))
    const all = await walkList(ctx, op)
    const exchanges = [...all.exchanges]
    const whole = new Set(all.records.map((r) => String(idOf(r))))
    const union = new Set<string>()
    const extra: string[] = []
    for (const org of orgs) {
      const part = await walkList(ctx, op, { query: { organisation: org } })
      exchanges.push(...part.exchanges)
      for (const r of part.records) {
        const id = String(idOf(r))
        union.add(id)
        if (!whole.has(id)) extra.push(`${id} (organisation ${org})`)
      }
    }
    const hidden = [...whole].filter((id) => !union.has(id))
    ctx.note({
      en: `${op.key}: ${whole.size} records unfiltered, ${union.size} across ${orgs.length} organisation filter(s)`,
      sv: `${op.key}: ${whole.size} poster ofiltrerat, ${union.size} sammanlagt med ${orgs.length} organisationsfilter`,
    })
    if (hidden.length) {
      ctx.report({
        en: `${hidden.length} record(s) of ${op.key} are served unfiltered but under no organisation's filter`,
        sv: `${hidden.length} post(er) i ${op.key} levereras ofiltrerat men inte med någon organisations filter`,
      }, {
        expected: { en: 'every record reachable through the organisation it belongs to', sv: 'varje post kan nås via den organisation den tillhör' },
        actual: few(hidden),
        evidence: exchanges,
      })
    }
    if (extra.length) {
      ctx.report({
        en: `${extra.length} record(s) served under an organisation's filter are missing from the unfiltered ${op.key}`,
        sv: `${extra.length} post(er) som levereras med en organisations filter saknas i ofiltrerad ${op.key}`,
      }, {
        expected: { en: 'the unfiltered list holds every record a filter selects', sv: 'den ofiltrerade listan innehåller varje post som ett filter väljer ut' },
        actual: few(extra),
        evidence: exchanges,
      })
    }
  },
})
