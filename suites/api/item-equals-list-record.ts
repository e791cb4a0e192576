import { isDeepStrictEqual } from 'node:util'
import { defineCheck } from '../../src/core/check.js'
import { itemOps, sampleIdentified } from './_shared.js'

export default defineCheck({
  id: 'API-ITEM-001',
  title: {
    en: 'The single-record endpoint returns the same record as the list',
    sv: 'Ändpunkten för en enskild post returnerar samma post som listan',
  },
  requirements: ['SS12000-ID-PERSISTENT'],
  severity: 'must',
  profiles: ['core', 'skolverket-dnp', 'full-2.1'],
  needs: ['API-CAPABILITY-001'],
  forEach: itemOps,
  async run(ctx, op) {
    for (const record of await sampleIdentified(ctx, op, 3)) {
      const res = await ctx.call(op, { path: { id: String(record.id) } })
      ctx.expectStatus(res, 200, { en: `${op.key} did not answer 200 for id ${String(record.id)}, which its list served`, sv: `${op.key} svarade inte 200 för id ${String(record.id)}, som listan levererade` })
      const diffs = differences(record, res.json)
      if (diffs.length) {
        const at = diffs.slice(0, 5).join(', ')
        ctx.report({ en: `${op.key} returns a record that differs from the list's for id ${String(record.id)}`, sv: `${op.key} returnerar en post som skiljer sig från listans för id ${String(record.id)}` }, {
          expected: { en: 'the same fields and values as in the list', sv: 'samma fält och värden som i listan' },
          actual: {
            en: `differs at ${at}${diffs.length > 5 ? ` (and ${diffs.length - 5} more)` : ''}`,
            sv: `skiljer sig vid ${at}${diffs.length > 5 ? ` (och ${diffs.length - 5} till)` : ''}`,
          },
          evidence: [res.exchangeId],
        })
      }
    }
  },
})

/** JSON paths where a and b differ. */
function differences(a: unknown, b: unknown, path = ''): string[] {
  if (isDeepStrictEqual(a, b)) return []
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)])
    return [...keys].flatMap((k) => differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k))
  }
  return [path || '(whole record)']
}
