import { defineCheck } from '../../src/core/check.js'
import { deletedOp, few, idOf, profileOps, walkDeleted, walkList } from './_shared.js'

export default defineCheck({
  id: 'EXPORT-DELETED-023',
  title: {
    en: 'No id listed as deleted is still served by its list, and its single-record request answers 404',
    sv: 'Inget id som listas som borttaget levereras fortfarande av sin lista, och anropet för posten svarar 404',
  },
  requirements: ['SS12000-DELETED-ENTITIES', 'SS12000-ITEM-404'],
  severity: 'must',
  profiles: ['skolverket-dnp'],
  forEach: deletedOp,
  async run(ctx, op) {
    const deleted = await walkDeleted(ctx, op)
    const ops = profileOps(ctx)
    let compared = 0
    for (const [member, ids] of deleted.ids) {
      const list = ops.find((o) => o.key === `GET /${member}` && o.recordList)
      if (!list || !ids.length) continue
      compared += ids.length
      const gone = new Set(ids)
      const w = await walkList(ctx, list)
      const still = w.records.map((r) => String(idOf(r))).filter((id) => gone.has(id))
      if (still.length) ctx.report({ en: `${list.key} still serves ${still.length} record(s) listed as deleted`, sv: `${list.key} levererar fortfarande ${still.length} post(er) som är listade som raderade` }, { actual: few(still), evidence: [...deleted.exchanges, ...w.exchanges] })
      if (!ops.some((o) => o.key === `GET /${member}/{id}`)) continue
      for (const id of ids.slice(0, 20)) {
        const res = await ctx.call(`GET /${member}/{id}`, { path: { id } })
        if (res.status !== 404) ctx.report({ en: `GET /${member}/${id}, deleted, answered ${res.status}`, sv: `GET /${member}/${id}, som är raderad, svarade ${res.status}` }, { expected: 'HTTP 404', evidence: [res.exchangeId] })
      }
    }
    ctx.note({ en: `${compared} deleted ids compared with the lists of the profile`, sv: `${compared} borttagna id:n jämförda med profilens listor` })
  },
})
