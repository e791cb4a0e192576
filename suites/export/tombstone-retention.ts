import { defineCheck } from '../../src/core/check.js'
import { CheckSkip } from '../../src/core/failure.js'
import { declaredSource, deletedOp, few, profileOps, walkDeleted, withDeleted } from './_shared.js'

const DAY = 86_400_000
/** Halvings of the window at most (from days to below a second). */
const STEPS = 40

/**
 * EXP-024, tombstone retention: /deletedEntities answers `after = now − R` (R the retention the vendor declares)
 * with every deletion it holds after that bound, without silent truncation. Deletions "after t" can only shrink
 * as t moves later, so an earlier bound must list at least what any later bound lists: the check reads the
 * declared bound, then halves the window towards its youngest deletion, and compares every pair. A server that
 * drops old tombstones for an early bound while a later one still lists deletions shows it here.
 */
export default defineCheck({
  id: 'EXPORT-TOMBSTONE-024',
  title: {
    en: 'Tombstones are kept for the declared retention: /deletedEntities after now − R lists every deletion a later bound lists (no silent truncation)',
    sv: 'Borttagsposter sparas den angivna tiden: /deletedEntities med after nu − R listar varje borttag som en senare gräns listar (ingen tyst avkortning)',
  },
  requirements: ['SS12000-DELETED-ENTITIES', 'EU-DA-25.2e', 'EU-DA-25.2'],
  severity: 'should',
  profiles: ['skolverket-dnp'],
  appliesTo: (plan) =>
    plan.declared?.retentionDays !== undefined
      ? true
      : {
          en: "needs the vendor's declared tombstone retention (--retention-days N, or retentionDays in the --about file's configuration)",
          sv: 'kräver leverantörens angivna lagringstid för borttagsposter (--retention-days N, eller retentionDays i configuration i --about-filen)',
        },
  async run(ctx) {
    const [op] = deletedOp(profileOps(ctx))
    if (!op) throw new CheckSkip(withDeleted([]) as { en: string; sv: string })
    const days = ctx.plan.declared!.retentionDays!
    const now = Date.now()
    const start = now - days * DAY
    const source = declaredSource(ctx, 'retentionDays')
    ctx.note({
      en: `declared retention R = ${days} days (${source.en}): after = ${new Date(start).toISOString()}`,
      sv: `angiven lagringstid R = ${days} dagar (${source.sv}): after = ${new Date(start).toISOString()}`,
    })
    const exchanges: string[] = []
    const read = async (t: number) => {
      const w = await walkDeleted(ctx, op, { after: new Date(t).toISOString() })
      exchanges.push(...w.exchanges)
      return new Set([...w.ids.values()].flat())
    }
    const asked = new Map<number, Set<string>>([[start, await read(start)]])
    // Towards the youngest deletion: lo lists some (or is the declared bound), hi lists none.
    let lo = start
    let hi = now
    for (let i = 0; i < STEPS && hi - lo > 1000; i++) {
      const mid = Math.floor((lo + hi) / 2)
      const got = await read(mid)
      asked.set(mid, got)
      if (got.size) lo = mid
      else hi = mid
    }
    const bounds = [...asked.keys()].sort((a, b) => a - b)
    if (bounds.every((t) => asked.get(t)!.size === 0)) {
      throw new CheckSkip({
        en: `/deletedEntities lists no deletion in the last ${days} days, so there is no tombstone whose retention could be checked`,
        sv: `/deletedEntities listar inget borttag under de senaste ${days} dagarna, så det finns ingen borttagspost vars lagringstid kan kontrolleras`,
      })
    }
    const lost: { en: string[]; sv: string[] } = { en: [], sv: [] }
    for (let i = 0; i < bounds.length; i++) {
      for (let j = i + 1; j < bounds.length; j++) {
        const missing = [...asked.get(bounds[j])!].filter((id) => !asked.get(bounds[i])!.has(id))
        if (!missing.length) continue
        const [early, late] = [new Date(bounds[i]).toISOString(), new Date(bounds[j]).toISOString()]
        lost.en.push(`after ${early} leaves out ${missing.length} listed after ${late} (${few(missing, 2)})`)
        lost.sv.push(`after ${early} utelämnar ${missing.length} som listas med after ${late} (${few(missing, 2)})`)
      }
    }
    ctx.note({
      en: `${bounds.length} bounds read; the declared bound lists ${asked.get(start)!.size} deletion(s)`,
      sv: `${bounds.length} gränser lästa; den angivna gränsen listar ${asked.get(start)!.size} borttag`,
    })
    if (lost.en.length) {
      ctx.fail({
        en: 'an earlier after bound lists fewer deletions than a later one: tombstones within the declared retention are silently left out',
        sv: 'en tidigare after-gräns listar färre borttag än en senare: borttagsposter inom den angivna lagringstiden utelämnas tyst',
      }, {
        expected: {
          en: `every deletion listed after a later bound is listed after now − ${days} days too`,
          sv: `varje borttag som listas efter en senare gräns listas också efter nu − ${days} dagar`,
        },
        actual: { en: few(lost.en, 3), sv: few(lost.sv, 3) },
        evidence: exchanges,
      })
    }
  },
})
