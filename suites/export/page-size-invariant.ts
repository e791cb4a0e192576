import { createHash } from 'node:crypto'
import { defineCheck } from '../../src/core/check.js'
import { few, idOf, recordLists, walkList } from './_shared.js'

const idSet = (records: readonly unknown[]) => [...new Set(records.map((r) => String(idOf(r))))].sort()
const digest = (ids: readonly string[]) => createHash('sha256').update(ids.join('\n')).digest('hex').slice(0, 16)

export default defineCheck({
  id: 'EXPORT-PAGESIZE-004',
  title: {
    en: 'The same ids whatever the page size: tiny pages, large pages and no limit give one id set',
    sv: 'Samma id oavsett sidstorlek: små sidor, stora sidor och ingen limit ger samma mängd id',
  },
  requirements: ['SS12000-PARAM-LIMIT', 'SS12000-PARAM-PAGETOKEN'],
  severity: 'must',
  profiles: ['core', 'skolverket-dnp'],
  forEach: recordLists,
  async run(ctx, op) {
    const walks = [
      { how: 'without limit', howSv: 'utan limit', w: await walkList(ctx, op) },
      { how: 'limit=1000', howSv: 'limit=1000', w: await walkList(ctx, op, { limit: 1000 }) },
      { how: 'limit=3', howSv: 'limit=3', w: await walkList(ctx, op, { limit: 3 }) },
    ].map((x) => ({ ...x, ids: idSet(x.w.records) }))
    const [ref] = walks
    ctx.note({
      en: walks.map((x) => `${x.how}: ${x.ids.length} ids, sha256 of sorted ids ${digest(x.ids)}`).join('; '),
      sv: walks.map((x) => `${x.howSv}: ${x.ids.length} id:n, sha256 av sorterade id:n ${digest(x.ids)}`).join('; '),
    })
    for (const x of walks.slice(1)) {
      if (digest(x.ids) === digest(ref.ids)) continue
      const inX = new Set(x.ids)
      const inRef = new Set(ref.ids)
      ctx.report({ en: `${op.key} serves another set of ids with ${x.how} than ${ref.how}`, sv: `${op.key} levererar en annan uppsättning id med ${x.howSv} än ${ref.howSv}` }, {
        expected: `${ref.ids.length} ids (sha256 ${digest(ref.ids)})`,
        actual: {
          en: `${x.ids.length} ids (sha256 ${digest(x.ids)}); missing ${few(ref.ids.filter((i) => !inX.has(i)))}; extra ${few(x.ids.filter((i) => !inRef.has(i)))}`,
          sv: `${x.ids.length} id (sha256 ${digest(x.ids)}); saknas: ${few(ref.ids.filter((i) => !inX.has(i)))}; extra: ${few(x.ids.filter((i) => !inRef.has(i)))}`,
        },
        evidence: [...ref.w.exchanges.slice(0, 1), ...x.w.exchanges],
      })
    }
  },
})
