import { defineCheck } from '../../src/core/check.js'
import { harvestAll, profileOps } from './_shared.js'

export default defineCheck({
  id: 'EXPORT-HISTORY-013',
  title: {
    en: 'History is exportable: records that have ended (past endDate) are served, not only what is active today',
    sv: 'Historik kan exporteras: poster som har upphört (passerat endDate) levereras, inte bara det som är aktivt i dag',
  },
  requirements: ['EU-DA-2.38', 'EU-DA-23'],
  // should, not must: a read-only kit cannot tell "history hidden" from a tenant that has none yet.
  severity: 'should',
  profiles: ['skolverket-dnp'],
  async run(ctx) {
    const today = new Date().toISOString().slice(0, 10)
    const { records, exchanges } = await harvestAll(ctx, profileOps(ctx))
    const ended: string[] = []
    let dated = 0
    for (const [entity, recs] of records) {
      const withEnd = recs.filter((r) => typeof r.endDate === 'string')
      dated += withEnd.length
      const n = withEnd.filter((r) => (r.endDate as string) < today).length
      if (n) ended.push(`${entity}: ${n}`)
    }
    if (!ended.length) {
      ctx.fail({
        en: 'no exported record has ended: past placements, groups, duties and activities are missing from the export',
        sv: 'ingen exporterad post har upphört: tidigare placeringar, grupper, tjänstgöringar och aktiviteter saknas i exporten',
      }, {
        expected: {
          en: `records whose endDate is before ${today} (or a statement from the vendor that the tenant has none)`,
          sv: `poster vars endDate ligger före ${today} (eller ett intyg från leverantören att organisationen inte har några)`,
        },
        actual: { en: `${dated} records carry an endDate; none of them lies in the past`, sv: `${dated} poster har ett endDate; inget av dem ligger bakåt i tiden` },
        evidence: exchanges,
      })
    }
    ctx.note({ en: `ended records (endDate before ${today}): ${ended.join(', ')}`, sv: `avslutade poster (endDate före ${today}): ${ended.join(', ')}` })
  },
})
