import { defineCheck } from '../../src/core/check.js'
import { DELETED, few, idOf, profileOps, readBaseline, recordLists, walkDeleted, walkList } from './_shared.js'

export default defineCheck({
  id: 'EXPORT-DELETED-025',
  title: {
    en: 'Every record that disappeared since an earlier export is listed in /deletedEntities after its cursor',
    sv: 'Varje post som försvunnit sedan en tidigare export listas i /deletedEntities efter dess markör',
  },
  requirements: ['SS12000-DELETED-ENTITIES'],
  severity: 'should',
  profiles: ['skolverket-dnp'],
  appliesTo: (plan) => (plan.baseline ? true : { en: 'needs an earlier export of this target (--baseline DIR)', sv: 'kräver en tidigare export av målet (--baseline DIR)' }),
  async run(ctx) {
    const base = await readBaseline(ctx)
    const ops = profileOps(ctx)
    const op = ops.find((o) => o.key === DELETED)
    if (!op) return ctx.fail({ en: 'the profile has no GET /deletedEntities: disappeared records cannot be told from hidden ones', sv: 'profilen har ingen GET /deletedEntities: försvunna poster går inte att skilja från dolda' })
    const deleted = await walkDeleted(ctx, op, { after: base.cursor })
    let gone = 0
    for (const list of recordLists(ops)) {
      const entity = list.path.slice(1)
      const w = await walkList(ctx, list)
      const now = new Set(w.records.map((r) => String(idOf(r))))
      const listed = new Set(deleted.ids.get(entity) ?? [])
      const vanished = [...(base.records.get(entity)?.keys() ?? [])].filter((id) => !now.has(id))
      gone += vanished.length
      const unlisted = vanished.filter((id) => !listed.has(id))
      if (unlisted.length) {
        ctx.report({ en: `${unlisted.length} ${entity} record(s) of the baseline are gone but not in /deletedEntities after ${base.cursor}`, sv: `${unlisted.length} post(er) av typen ${entity} i jämförelseexporten har försvunnit men finns inte i /deletedEntities efter ${base.cursor}` }, {
          actual: few(unlisted),
          evidence: [...deleted.exchanges, ...w.exchanges.slice(0, 1)],
        })
      }
    }
    ctx.note({ en: `${gone} record(s) of the baseline have disappeared since ${base.cursor}`, sv: `${gone} post(er) i jämförelseexporten har försvunnit sedan ${base.cursor}` })
  },
})
