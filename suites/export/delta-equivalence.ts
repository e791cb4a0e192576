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
  appliesTo: (plan) => (plan.baseline ? true : 'needs an earlier export of this target (--baseline DIR)'),
  async run(ctx) {
    const base = await readBaseline(ctx)
    const ops = profileOps(ctx)
    if (withDeleted(ops) !== true) ctx.fail('the profile has no GET /deletedEntities, so deletions since the cursor cannot be found')
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
      ctx.note(`${entity}: ${base.records.get(entity)?.size ?? 0} in the baseline, ${changes.records.length} changed, ${deleted.ids.get(entity)?.length ?? 0} deleted since ${base.cursor}; ${now.size} now`)
      const evidence = [...changes.exchanges, ...deleted.exchanges, ...full.exchanges.slice(0, 1)]
      if (extra.length) ctx.report(`${entity}: the delta keeps ${extra.length} record(s) that are gone now but were not listed as deleted`, { actual: few(extra), evidence })
      if (missing.length) ctx.report(`${entity}: ${missing.length} record(s) of the full export are neither in the baseline nor among the changes`, { actual: few(missing), evidence })
      if (differ.length) ctx.report(`${entity}: ${differ.length} record(s) changed without appearing among the changes (meta.modified not moved?)`, { actual: few(differ), evidence })
    }
    ctx.note(`drift: ${drift} record(s)`)
  },
})
