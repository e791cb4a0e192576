import { CheckSkip } from '../../src/core/failure.js'
import { defineCheck } from '../../src/core/check.js'
import { few, listOps, pageData, requiredQuery } from './_shared.js'

// YYYYMMDD (day + 60 for a samordningsnummer), then two digits or, for a temporary number, two letters, then two digits.
const CIVIC_NO = /^(\d{4})(0[1-9]|1[0-2])(\d{2})([0-9]{2}|[A-Z]{2})(\d{2})$/

function valid(v: string): boolean {
  const m = CIVIC_NO.exec(v)
  if (!m) return false
  const day = Number(m[3]) > 60 ? Number(m[3]) - 60 : Number(m[3])
  return day >= 1 && day <= 31
}

export default defineCheck({
  id: 'API-FORMAT-001',
  title: {
    en: 'Civic numbers are 12 characters without separator',
    sv: 'Personnummer anges med 12 tecken utan skiljetecken',
  },
  requirements: ['SS12000-CIVICNO-FORMAT'],
  severity: 'must',
  profiles: ['core', 'skolverket-dnp', 'full-2.1'],
  needs: ['API-CAPABILITY-001'],
  forEach: (ops) => listOps(ops).filter((o) => o.path === '/persons'),
  async run(ctx, op) {
    const res = await ctx.call(op, { query: { ...requiredQuery(op), limit: 50 } })
    const values = (pageData(ctx, res, op) as { civicNo?: { value?: unknown } }[]).map((p) => p.civicNo?.value).filter((v) => v !== undefined)
    if (!values.length) throw new CheckSkip({ en: 'no person in the sample has a civic number', sv: 'ingen person i urvalet har ett personnummer' })
    const bad = values.filter((v) => typeof v !== 'string' || !valid(v))
    if (bad.length) {
      const shapes = few(bad.map((v) => String(v).replace(/[0-9]/g, '9').replace(/[A-Za-z]/g, 'A')), 3)
      ctx.fail({ en: 'civic numbers not in the 12-character form', sv: 'personnummer som inte har formen med 12 tecken' }, {
        expected: {
          en: 'YYYYMMDDNNNC: 12 digits, no separator (letters allowed in the two positions after the date)',
          sv: 'ÅÅÅÅMMDDNNNK: 12 siffror utan skiljetecken (bokstäver tillåtna på de två positionerna efter datumet)',
        },
        // The values themselves are personal data: describe their shape, never print them.
        actual: {
          en: `${bad.length} of ${values.length}, shaped like ${shapes}`,
          sv: `${bad.length} av ${values.length}, med formen ${shapes}`,
        },
        evidence: [res.exchangeId],
      })
    }
    ctx.note({ en: `${values.length} civic numbers looked at`, sv: `${values.length} personnummer granskade` })
  },
})
