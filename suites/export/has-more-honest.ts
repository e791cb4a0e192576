import { defineCheck } from '../../src/core/check.js'
import { hasParam } from '../api/_shared.js'
import { few, idOf, MAX_PAGES, recordLists, walkList } from './_shared.js'

/**
 * EXP-034, count and termination honesty. SS 12000 gives no totals; its only "has more" signal is pageToken. A
 * page that carries one must lead to more records: a token after the last record (typically when the list ends
 * exactly at a page boundary) sends every export one empty request further, and is the same defect that, with a
 * count, makes totals describe neither the page nor the set. Walked with limit = the list's size and with half of
 * it (the list then ends exactly at a page boundary), and with limit 1.
 */
export default defineCheck({
  id: 'EXPORT-HASMORE-034',
  title: {
    en: 'The has-more signal is honest: a page with a pageToken is followed by more records, also when the list ends at a page boundary',
    sv: 'Signalen om mer är ärlig: en sida med pageToken följs av fler poster, även när listan slutar vid en sidgräns',
  },
  requirements: ['SS12000-LIST-ENVELOPE', 'SS12000-PARAM-PAGETOKEN'],
  severity: 'should',
  profiles: ['core', 'skolverket-dnp'],
  forEach: (ops) => recordLists(ops).filter((o) => hasParam(o, 'limit')),
  async run(ctx, op) {
    const all = await walkList(ctx, op)
    const n = new Set(all.records.map((r) => String(idOf(r)))).size
    if (!n) {
      ctx.note({ en: `${op.key} serves no records: no page boundary to test`, sv: `${op.key} levererar inga poster: ingen sidgräns att pröva` })
      return
    }
    // Both end exactly at a page boundary (limit 1 would too, but costs a request per record on a large list).
    const limits = n % 2 === 0 && n > 1 ? [n, n / 2] : [n]
    const empty: { en: string[]; sv: string[] } = { en: [], sv: [] }
    const exchanges = [...all.exchanges]
    for (const limit of limits) {
      let query: Record<string, string | number> = { limit }
      let promised = false
      for (let p = 1; p <= Math.min(MAX_PAGES, n + 2); p++) {
        const res = await ctx.call(op, { query })
        exchanges.push(res.exchangeId)
        ctx.expectStatus(res, 200, { en: `page ${p} of ${op.key} (limit ${limit}) was not served`, sv: `sida ${p} av ${op.key} (limit ${limit}) levererades inte` })
        const body = res.json as { data?: unknown[]; pageToken?: unknown } | undefined
        const size = Array.isArray(body?.data) ? body.data.length : 0
        const more = typeof body?.pageToken === 'string' && body.pageToken !== ''
        if (promised && size === 0 && !more) {
          empty.en.push(`limit ${limit}: page ${p - 1} carried a pageToken, page ${p} is empty and last`)
          empty.sv.push(`limit ${limit}: sida ${p - 1} hade en pageToken, sida ${p} är tom och sist`)
        }
        if (!more) break
        promised = true
        query = { pageToken: body!.pageToken as string, limit }
      }
    }
    ctx.note({ en: `${op.key} (${n} records) walked with limit ${limits.join(', ')}`, sv: `${op.key} (${n} poster) gicks igenom med limit ${limits.join(', ')}` })
    if (empty.en.length) {
      ctx.fail({ en: `${op.key} offers a pageToken where no record follows`, sv: `${op.key} erbjuder en pageToken där ingen post följer` }, {
        expected: { en: 'pageToken null on the page that holds the last record', sv: 'pageToken null på sidan som innehåller den sista posten' },
        actual: { en: few(empty.en), sv: few(empty.sv) },
        evidence: exchanges,
      })
    }
  },
})
