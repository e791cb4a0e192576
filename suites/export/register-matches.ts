import { defineCheck } from '../../src/core/check.js'
import { REGISTER_EXCLUDES } from '../../src/export/declared.js'
import { requiredQuery } from '../api/_shared.js'
import { declaredSource, entityOf, recordLists } from './_shared.js'

/**
 * EXP-030, register vs reality (Data Act Art. 26(b), 25(2)(e)): the vendor's declared export register names the
 * SS 12000 lists it says can be exported. Every declared list answers 200 to the customer's read credential, and
 * every list of SS 12000 that serves records is declared (the register must be exhaustive). Categories the
 * register places outside SS 12000 cannot be read through this API: they are listed for the contract.
 */
export default defineCheck({
  id: 'EXPORT-REGISTER-030',
  title: {
    en: "The vendor's export register matches what the API serves: every declared list is exportable, every list with records is declared",
    sv: 'Leverantörens exportregister stämmer med det API:t levererar: varje angiven lista kan exporteras, varje lista med poster är angiven',
  },
  requirements: ['EU-DA-25.2e'],
  severity: 'should',
  profiles: ['core', 'skolverket-dnp'],
  appliesTo: (plan) =>
    plan.declared?.register ? true : { en: "needs the vendor's export register (--export-register FILE)", sv: 'kräver leverantörens exportregister (--export-register FIL)' },
  async run(ctx) {
    const register = ctx.plan.declared!.register!
    const declared = new Set(register.lists.map((l) => l.toLowerCase()))
    const lists = recordLists(ctx.spec.operations).filter((op) => !REGISTER_EXCLUDES.includes(entityOf(op)))
    const known = new Set(lists.map((op) => entityOf(op).toLowerCase()))
    const source = declaredSource(ctx, 'register')
    ctx.note({
      en: `register (${source.en}): ${register.lists.join(', ') || 'no SS 12000 list'}`,
      sv: `exportregister (${source.sv}): ${register.lists.join(', ') || 'ingen lista i SS 12000'}`,
    })
    const unknown = register.lists.filter((l) => !known.has(l.toLowerCase()))
    if (unknown.length) {
      ctx.report(
        { en: `the register names ${unknown.join(', ')}, which SS 12000 has no list of`, sv: `registret anger ${unknown.join(', ')}, som SS 12000 inte har någon lista för` },
        { expected: { en: `list names of SS 12000: ${[...known].join(', ')}`, sv: `listnamn i SS 12000: ${[...known].join(', ')}` } },
      )
    }
    if (register.outside.length) {
      ctx.note({
        en: `declared outside SS 12000, not testable through this API (check the contract): ${register.outside.join(', ')}`,
        sv: `angivet utanför SS 12000, kan inte prövas genom detta API (kontrollera avtalet): ${register.outside.join(', ')}`,
      })
    }
    for (const op of lists) {
      const isDeclared = declared.has(entityOf(op).toLowerCase())
      const res = await ctx.call(op, { query: { ...requiredQuery(op), limit: 1 } })
      const records = res.status === 200 && Array.isArray((res.json as { data?: unknown })?.data) ? ((res.json as { data: unknown[] }).data.length) : 0
      if (isDeclared && res.status !== 200) {
        ctx.report({
          en: `the register declares ${entityOf(op)} exportable, but ${op.key} answers ${res.status}`,
          sv: `registret anger att ${entityOf(op)} kan exporteras, men ${op.key} svarar ${res.status}`,
        }, {
          expected: { en: `${op.key} answers 200 to the customer's read credential`, sv: `${op.key} svarar 200 med kundens läsbehörighet` },
          actual: `HTTP ${res.status}`,
          evidence: [res.exchangeId],
        })
      } else if (!isDeclared && records > 0) {
        ctx.report({
          en: `${op.key} serves records, but the register does not declare ${entityOf(op)}`,
          sv: `${op.key} levererar poster, men registret anger inte ${entityOf(op)}`,
        }, {
          expected: {
            en: 'an exhaustive register: every list that holds the customer\'s data is declared',
            sv: 'ett fullständigt register: varje lista som innehåller kundens data är angiven',
          },
          actual: { en: `${op.key} answered 200 with records`, sv: `${op.key} svarade 200 med poster` },
          evidence: [res.exchangeId],
        })
      }
    }
  },
})
