import { defineCheck } from '../../src/core/check.js'
import { duplicates, few, pagedListOps, walkPages } from './_shared.js'

export default defineCheck({
  id: 'API-PAGING-001',
  title: {
    en: 'Following pageToken serves every record exactly once and ends',
    sv: 'Att följa pageToken ger varje post exakt en gång och tar slut',
  },
  requirements: ['SS12000-LIST-ENVELOPE', 'SS12000-PARAM-PAGETOKEN'],
  severity: 'must',
  profiles: ['core', 'skolverket-dnp', 'full-2.1'],
  needs: ['API-CAPABILITY-001'],
  forEach: pagedListOps,
  async run(ctx, op) {
    const max = 1000
    // The whole list as the server pages it by itself, then again in small pages (about 7 of them):
    // both walks must end, repeat nothing, and serve the same records.
    const whole = await walkPages(ctx, op, undefined, max)
    const size = Math.max(1, Math.ceil(whole.ids.length / 7))
    const small = await walkPages(ctx, op, size, max)
    ctx.note({
      en: `${whole.ids.length} records in ${whole.pages} page(s) without limit; ${small.ids.length} in ${small.pages} page(s) with limit=${size}`,
      sv: `${whole.ids.length} poster på ${whole.pages} sida/sidor utan limit; ${small.ids.length} på ${small.pages} sida/sidor med limit=${size}`,
    })
    for (const [walk, how] of [[whole, { en: 'without limit', sv: 'utan limit' }], [small, { en: `with limit=${size}`, sv: `med limit=${size}` }]] as const) {
      const dup = duplicates(walk.ids)
      if (dup.length) ctx.report({ en: `records served more than once ${how.en}`, sv: `poster levererades mer än en gång ${how.sv}` }, { actual: few(dup), evidence: walk.exchanges })
    }
    const inSmall = new Set(small.ids)
    const missing = [...new Set(whole.ids)].filter((id) => !inSmall.has(id))
    if (missing.length) {
      ctx.report({ en: `paging with limit=${size} skipped records that the list serves`, sv: `sidindelning med limit=${size} hoppade över poster som listan levererar` }, {
        expected: { en: `${new Set(whole.ids).size} distinct records`, sv: `${new Set(whole.ids).size} olika poster` },
        actual: { en: `${inSmall.size} distinct; missing ${few(missing)}`, sv: `${inSmall.size} olika; saknas: ${few(missing)}` },
        evidence: small.exchanges,
      })
    }
  },
})
