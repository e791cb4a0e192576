import { defineCheck } from '../../src/core/check.js'
import { few, idOf, recordLists, walkList } from './_shared.js'

export default defineCheck({
  id: 'EXPORT-SCHEMA-015',
  title: {
    en: 'Every exported record validates against the SS 12000 schema of its type (known errata applied)',
    sv: 'Varje exporterad post validerar mot SS 12000-schemat för sin typ (kända errata tillämpade)',
  },
  requirements: ['EU-DA-30.5', 'SS12000-RESPONSE-SCHEMA'],
  severity: 'must',
  profiles: ['core', 'skolverket-dnp'],
  forEach: recordLists,
  async run(ctx, op) {
    // One record at a time, in the list envelope the spec declares, so findings are counted per record and path.
    const pointer = op.responses['200']
    if (!pointer) return ctx.fail({ en: `the spec declares no 200 schema for ${op.key}`, sv: `specifikationen anger inget 200-schema för ${op.key}` })
    const w = await walkList(ctx, op)
    const byPath = new Map<string, string[]>()
    for (const rec of w.records) {
      const outcome = ctx.spec.validators.validate(pointer, { data: [rec] })
      for (const e of outcome.valid ? [] : outcome.errors) {
        const key = e.replace(/\/data\/0/g, '')
        byPath.set(key, [...(byPath.get(key) ?? []), String(idOf(rec))])
      }
    }
    ctx.note({ en: `${w.records.length} records of ${op.key} validated`, sv: `${w.records.length} poster i ${op.key} validerade` })
    for (const [error, ids] of byPath) {
      ctx.report({ en: `${ids.length} record(s) of ${op.key}: ${error}`, sv: `${ids.length} post(er) i ${op.key}: ${error}` }, { actual: { en: `e.g. ${few(ids, 3)}`, sv: `t.ex. ${few(ids, 3)}` }, evidence: w.exchanges })
    }
  },
})
