import { defineCheck } from '../../src/core/check.js'
import { CheckSkip } from '../../src/core/failure.js'
import { few, hasParam, listOps, pageData, paramEnum, recordKey, requiredQuery } from './_shared.js'

type Rec = Record<string, unknown>

export default defineCheck({
  id: 'API-EXPAND-002',
  title: {
    en: 'Asking for expanded data does not change a record’s meta.modified',
    sv: 'Att be om expanderade data ändrar inte en posts meta.modified',
  },
  requirements: ['SS12000-META-MODIFIED'],
  severity: 'must',
  profiles: ['full-2.1'],
  needs: ['API-CAPABILITY-001'],
  forEach: (ops) => listOps(ops).filter((o) => paramEnum(o, 'expand').length > 0),
  async run(ctx, op) {
    const query = { ...requiredQuery(op), limit: hasParam(op, 'limit') ? 20 : undefined }
    const plain = await ctx.call(op, { query })
    const expanded = await ctx.call(op, { query: { ...query, expand: paramEnum(op, 'expand') } })
    // The same instant may be written with another offset: compared as instants.
    const modified = (res: typeof plain) => new Map((pageData(ctx, res, op) as Rec[]).map((r) => [recordKey(r), Date.parse(String((r.meta as Rec | undefined)?.modified))]))
    const [before, after] = [modified(plain), modified(expanded)]
    const both = [...before.keys()].filter((k) => after.has(k))
    if (!both.length) throw new CheckSkip({ en: `${op.key} served no record both with and without expand`, sv: `${op.key} levererade ingen post både med och utan expand` })
    const changed = both.filter((k) => before.get(k) !== after.get(k) && !(Number.isNaN(before.get(k)) && Number.isNaN(after.get(k))))
    if (changed.length) {
      const e = few(changed.map((k) => `${k}: ${new Date(before.get(k)!).toISOString()} -> ${new Date(after.get(k)!).toISOString()}`), 2)
      ctx.fail({ en: 'meta.modified differs when expanded data is asked for', sv: 'meta.modified skiljer sig när expanderade data efterfrågas' }, {
        expected: { en: 'the same meta.modified ("ska således inte påverka detta värde")', sv: 'samma meta.modified ("ska således inte påverka detta värde")' },
        actual: { en: `${changed.length} of ${both.length} records, e.g. ${e}`, sv: `${changed.length} av ${both.length} poster, t.ex. ${e}` },
        evidence: [plain.exchangeId, expanded.exchangeId] })
    }
    const expand = paramEnum(op, 'expand').join(',')
    ctx.note({ en: `${both.length} records compared with expand=${expand}`, sv: `${both.length} poster jämförda med expand=${expand}` })
  },
})
