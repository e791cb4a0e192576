import { defineCheck } from '../../src/core/check.js'
import { few, harvestAll, profileOps, idOf, REFERENCE_TARGETS, referencesIn } from './_shared.js'

export default defineCheck({
  id: 'EXPORT-REFS-009',
  title: {
    en: 'Referential integrity: every reference in the export resolves to an exported record; dangling ones are listed',
    sv: 'Referensintegritet: varje referens i exporten pekar på en exporterad post; dinglande referenser listas',
  },
  requirements: ['EU-DA-2.38', 'SS12000-ID-PERSISTENT'],
  severity: 'must',
  profiles: ['core', 'skolverket-dnp'],
  async run(ctx) {
    const { records, exchanges } = await harvestAll(ctx, profileOps(ctx))
    const ids = new Map([...records].map(([entity, recs]) => [entity, new Set(recs.map((r) => String(idOf(r))))]))
    const dangling: string[] = []
    const gaps = new Map<string, number>()
    let checked = 0
    for (const [entity, recs] of records) {
      for (const rec of recs) {
        for (const ref of referencesIn(rec)) {
          const target = REFERENCE_TARGETS[ref.key]
          // A reference to a type the profile does not export is an export gap (EXP-010), not a dangling one.
          if (target && !ids.has(target)) {
            gaps.set(target, (gaps.get(target) ?? 0) + 1)
            continue
          }
          checked++
          const ok = target ? ids.get(target)!.has(ref.id) : [...ids.values()].some((s) => s.has(ref.id))
          if (!ok) dangling.push(`${entity}/${String(idOf(rec))} ${ref.path} -> ${target ?? '?'}/${ref.id}`)
        }
      }
    }
    const types = [...records.keys()].join(', ')
    ctx.note({ en: `${checked} references between ${types} checked`, sv: `${checked} referenser mellan ${types} kontrollerade` })
    if (gaps.size) {
      const list = [...gaps].map(([t, n]) => `${t} (${n})`).join(', ')
      ctx.note({ en: `references to types this profile does not export: ${list}`, sv: `referenser till typer som profilen inte exporterar: ${list}` })
    }
    if (dangling.length) {
      ctx.fail({ en: `${dangling.length} reference(s) name no exported record`, sv: `${dangling.length} referens(er) pekar inte på någon exporterad post` }, {
        expected: { en: 'every ObjectReference id resolves to a record of its type in the export', sv: 'varje id i en ObjectReference motsvarar en post av rätt typ i exporten' },
        actual: few(dangling, 10),
        evidence: exchanges,
      })
    }
  },
})
