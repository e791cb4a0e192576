import { defineCheck } from '../../src/core/check.js'
import { canonical, DELETED, few, idOf, profileOps, readBaseline, recordLists, walkDeleted, walkList, withDeleted } from './_shared.js'

export default defineCheck({
  id: 'EXPORT-DELTA-021',
  title: {
    en: 'Delta equivalence: the earlier export + changes since its cursor + deletions since its cursor = a full export now',
    sv: 'Deltaekvivalens: den tidigare exporten + ändringar sedan dess markör + borttag sedan dess markör = en fullständig export nu',
  },
  requirements: ['SS12000-FILTER-META', 'SS12000-DELETED-ENTITIES', 'EU-DA-25.2'],
  severity: 'must',
  profiles: ['skolverket-dnp'],
  appliesTo: (plan) => (plan.baseline ? true : { en: 'needs an earlier export of this target (--baseline DIR)', sv: 'kräver en tidigare export av målet (--baseline DIR)' }),
  async run(ctx) {
    const base = await readBaseline(ctx)
    const ops = profileOps(ctx)
    if (withDeleted(ops) !== true) ctx.fail({ en: 'the profile has no GET /deletedEntities, so deletions since the cursor cannot be found', sv: 'profilen har ingen GET /deletedEntities, så raderingar sedan markören går inte att hitta' })
    const deleted = await walkDeleted(ctx, ctx.spec.operation(DELETED)!, { after: base.cursor })
    let drift = 0
    for (const op of recordLists(ops)) {
      const entity = op.path.slice(1)
      const rebuilt = new Map(base.records.get(entity) ?? [])
      const changes = await walkList(ctx, op, { query: { 'meta.modified.after': base.cursor } })
      for (const r of changes.records) rebuilt.set(String(idOf(r)), canonical(r))
      for (const id of deleted.ids.get(entity) ?? []) rebuilt.delete(id)
      const full = await walkList(ctx, op)
      const now = new Map(full.records.map((r) => [String(idOf(r)), canonical(r)]))
      const extra = [...rebuilt.keys()].filter((id) => !now.has(id))
      const missing = [...now.keys()].filter((id) => !rebuilt.has(id))
      const differ = [...now].filter(([id, text]) => rebuilt.has(id) && rebuilt.get(id) !== text).map(([id]) => id)
      drift += extra.length + missing.length + differ.length
      const [was, removed] = [base.records.get(entity)?.size ?? 0, deleted.ids.get(entity)?.length ?? 0]
      ctx.note({
        en: `${entity}: ${was} in the baseline, ${changes.records.length} changed, ${removed} deleted since ${base.cursor}; ${now.size} now`,
        sv: `${entity}: ${was} i jämförelseexporten, ${changes.records.length} ändrade, ${removed} borttagna sedan ${base.cursor}; ${now.size} nu`,
      })
      const evidence = [...changes.exchanges, ...deleted.exchanges, ...full.exchanges.slice(0, 1)]
      if (extra.length) ctx.report({ en: `${entity}: the delta keeps ${extra.length} record(s) that are gone now but were not listed as deleted`, sv: `${entity}: ändringsexporten behåller ${extra.length} post(er) som nu har försvunnit men inte listades som raderade` }, { actual: few(extra), evidence })
      if (missing.length) ctx.report({ en: `${entity}: ${missing.length} record(s) of the full export are neither in the baseline nor among the changes`, sv: `${entity}: ${missing.length} post(er) i den fullständiga exporten finns varken i jämförelseexporten eller bland ändringarna` }, { actual: few(missing), evidence })
      if (differ.length) ctx.report({ en: `${entity}: ${differ.length} record(s) changed without appearing among the changes (meta.modified not moved?)`, sv: `${entity}: ${differ.length} post(er) har ändrats utan att finnas bland ändringarna (meta.modified inte uppdaterad?)` }, { actual: few(differ), evidence })
    }
    ctx.note({ en: `drift: ${drift} record(s)`, sv: `avvikelse: ${drift} post(er)` })
  },
})
