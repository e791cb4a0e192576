import { defineCheck } from '../../src/core/check.js'
import { CheckSkip } from '../../src/core/failure.js'
import { listOps, pageData, paramEnum, requiredQuery } from './_shared.js'

type Rec = { id?: unknown; meta?: { modified?: unknown } }

export default defineCheck({
  id: 'API-SORT-002',
  title: {
    en: 'sortkey=ModifiedDesc orders the whole result, across pages',
    sv: 'sortkey=ModifiedDesc ordnar hela resultatet, över alla sidor',
  },
  requirements: ['SS12000-SORTKEY'],
  severity: 'must',
  profiles: ['core', 'full-2.1'],
  needs: ['API-CAPABILITY-001'],
  forEach: (ops) => listOps(ops).filter((o) => paramEnum(o, 'sortkey').includes('ModifiedDesc')),
  async run(ctx, op) {
    const first = await ctx.call(op, { query: { ...requiredQuery(op), sortkey: 'ModifiedDesc' } })
    const total = pageData(ctx, first, op).length
    if (total < 3) throw new CheckSkip({ en: `${op.key} serves ${total} record(s); ordering needs at least three`, sv: `${op.key} levererar ${total} post(er); ordningen kräver minst tre` })
    // Again in pages of about a quarter, so the order must hold where pages meet.
    const limit = Math.max(1, Math.ceil(total / 4))
    const seen: { t: number; raw: string; id: string; ex: string }[] = []
    let query: Record<string, string | number> = { ...requiredQuery(op), sortkey: 'ModifiedDesc', limit }
    for (let page = 0; page < 50; page++) {
      const res = await ctx.call(op, { query })
      for (const r of pageData(ctx, res, op) as Rec[]) seen.push({ t: Date.parse(String(r.meta?.modified)), raw: String(r.meta?.modified), id: String(r.id), ex: res.exchangeId })
      const token = (res.json as { pageToken?: unknown }).pageToken
      if (typeof token !== 'string' || !token) break
      query = { pageToken: token, limit }
    }
    const i = seen.findIndex((x, k) => k > 0 && x.t > seen[k - 1].t)
    if (i > 0) {
      ctx.fail({ en: `with sortkey=ModifiedDesc and limit=${limit}, record ${i + 1} is newer than record ${i}`, sv: `med sortkey=ModifiedDesc och limit=${limit} är post ${i + 1} nyare än post ${i}` }, {
        expected: { en: 'meta.modified never increasing', sv: 'meta.modified ökar aldrig' },
        actual: { en: `${seen[i - 1].id} (${seen[i - 1].raw}) then ${seen[i].id} (${seen[i].raw})`, sv: `${seen[i - 1].id} (${seen[i - 1].raw}) och sedan ${seen[i].id} (${seen[i].raw})` },
        evidence: [...new Set([seen[i - 1].ex, seen[i].ex])],
      })
    }
    ctx.note({ en: `${seen.length} records in pages of ${limit} checked`, sv: `${seen.length} poster i sidor om ${limit} kontrollerade` })
  },
})
