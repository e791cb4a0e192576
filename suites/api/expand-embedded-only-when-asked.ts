import { defineCheck } from '../../src/core/check.js'
import { CheckSkip } from '../../src/core/failure.js'
import { hasParam, listOps, pageData, paramEnum, requiredQuery } from './_shared.js'

type Rec = { _embedded?: Record<string, unknown> }

export default defineCheck({
  id: 'API-EXPAND-001',
  title: {
    en: '_embedded appears only when expand asks for it, and holds exactly what was asked for',
    sv: '_embedded förekommer bara när expand efterfrågar det och innehåller just det som efterfrågades',
  },
  requirements: ['SS12000-EXPAND'],
  severity: 'must',
  profiles: ['core', 'skolverket-dnp', 'full-2.1'],
  needs: ['API-CAPABILITY-001'],
  forEach: (ops) => listOps(ops).filter((o) => paramEnum(o, 'expand').length > 0),
  async run(ctx, op) {
    const limit = hasParam(op, 'limit') ? 20 : undefined
    const plain = await ctx.call(op, { query: { ...requiredQuery(op), limit } })
    const bare = pageData(ctx, plain, op) as Rec[]
    if (!bare.length) throw new CheckSkip({ en: `${op.key} serves no records`, sv: `${op.key} levererar inga poster` })
    const unasked = bare.filter((r) => r._embedded !== undefined).length
    if (unasked) ctx.report({ en: `${unasked} of ${bare.length} records carry _embedded although expand was not given`, sv: `${unasked} av ${bare.length} poster har _embedded fast expand inte angavs` }, { evidence: [plain.exchangeId] })
    const embeddedSomething: string[] = []
    const asked: string[] = []
    for (const value of paramEnum(op, 'expand')) {
      const res = await ctx.call(op, { query: { ...requiredQuery(op), limit, expand: value } })
      const data = pageData(ctx, res, op) as Rec[]
      asked.push(res.exchangeId)
      const other = [...new Set(data.flatMap((r) => Object.keys(r._embedded ?? {})).filter((k) => k !== value))]
      if (other.length) ctx.report({ en: `expand=${value} returned _embedded members that were not asked for`, sv: `expand=${value} returnerade delar av _embedded som inte efterfrågades` }, {
          expected: { en: `_embedded.${value} only`, sv: `bara _embedded.${value}` },
          actual: { en: `also ${other.join(', ')}`, sv: `även ${other.join(', ')}` },
          evidence: [res.exchangeId] })
      if (data.some((r) => r._embedded?.[value] !== undefined)) embeddedSomething.push(value)
    }
    // A record may have nothing to embed for one value, but a target that embeds nothing for any value ignores expand.
    if (!embeddedSomething.length) {
      ctx.report({
        en: `expand is ignored: no value of it (${paramEnum(op, 'expand').join(', ')}) put anything in _embedded`,
        sv: `expand ignoreras: inget av dess värden (${paramEnum(op, 'expand').join(', ')}) gav något i _embedded`,
      }, { evidence: asked })
    }
    ctx.note({ en: `_embedded held data for expand=${embeddedSomething.join(', ') || '(none)'}`, sv: `_embedded innehöll data för expand=${embeddedSomething.join(', ') || '(inget)'}` })
  },
})
