import { defineCheck } from '../../src/core/check.js'
import { CheckSkip } from '../../src/core/failure.js'
import { deletedOp, few, profileOps, walkDeleted, withDeleted } from './_shared.js'

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
      : "needs the vendor's declared tombstone retention (--retention-days N, or retentionDays in the --about file's configuration)",
  async run(ctx) {
    const [op] = deletedOp(profileOps(ctx))
    if (!op) throw new CheckSkip(String(withDeleted([])))
    const days = ctx.plan.declared!.retentionDays!
    const now = Date.now()
    const start = now - days * DAY
    ctx.note(`declared retention R = ${days} days (${ctx.plan.declared!.sources.retentionDays ?? 'declared'}): after = ${new Date(start).toISOString()}`)
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
      throw new CheckSkip(`/deletedEntities lists no deletion in the last ${days} days, so there is no tombstone whose retention could be checked`)
    }
    const lost: string[] = []
    for (let i = 0; i < bounds.length; i++) {
      for (let j = i + 1; j < bounds.length; j++) {
        const missing = [...asked.get(bounds[j])!].filter((id) => !asked.get(bounds[i])!.has(id))
        if (missing.length) lost.push(`after ${new Date(bounds[i]).toISOString()} leaves out ${missing.length} listed after ${new Date(bounds[j]).toISOString()} (${few(missing, 2)})`)
      }
    }
    ctx.note(`${bounds.length} bounds read; the declared bound lists ${asked.get(start)!.size} deletion(s)`)
    if (lost.length) {
      ctx.fail('an earlier after bound lists fewer deletions than a later one: tombstones within the declared retention are silently left out', {
        expected: `every deletion listed after a later bound is listed after now − ${days} days too`,
        actual: few(lost, 3),
        evidence: exchanges,
      })
    }
  },
})
