import { defineCheck } from '../../src/core/check.js'
import { hasParam } from '../api/_shared.js'
import { idOf, recordLists, walkList } from './_shared.js'

/** An instant as RFC 3339 with milliseconds: 2025-05-01T10:00:00.500Z. */
const iso = (ms: number) => new Date(ms).toISOString()

export default defineCheck({
  id: 'EXPORT-SUBSECOND-020',
  title: {
    en: 'Fractional seconds in a filter bound count: half a second before a record’s modified still selects it',
    sv: 'Bråkdelar av sekunder i en filtergräns räknas: en halv sekund före en posts modified väljer den fortfarande',
  },
  requirements: ['SS12000-FILTER-META'],
  severity: 'should',
  profiles: ['core', 'skolverket-dnp'],
  forEach: (ops) => recordLists(ops).filter((o) => hasParam(o, 'meta.modified.after')),
  async run(ctx, op) {
    // A cursor is an instant with milliseconds (the harvest start): rounding it loses or repeats records at the bound.
    const all = (await walkList(ctx, op)).records.filter((r) => typeof (r.meta as { modified?: unknown })?.modified === 'string')
    if (!all.length) return ctx.note({ en: `${op.key} served no record with meta.modified`, sv: `${op.key} levererade ingen post med meta.modified` })
    const rec = all[all.length >> 1]
    const t = Date.parse((rec.meta as { modified: string }).modified)
    const id = String(idOf(rec))
    const before = await walkList(ctx, op, { query: { 'meta.modified.after': iso(t - 500) } })
    const past = await walkList(ctx, op, { query: { 'meta.modified.after': iso(t + 250) } })
    ctx.note({
      en: `record ${id}, modified ${iso(t)}: after ${iso(t - 500)} gives ${before.records.length}, after ${iso(t + 250)} gives ${past.records.length}`,
      sv: `post ${id}, ändrad ${iso(t)}: after ${iso(t - 500)} ger ${before.records.length}, after ${iso(t + 250)} ger ${past.records.length}`,
    })
    if (!before.records.some((r) => idOf(r) === id)) ctx.report({ en: `meta.modified.after=${iso(t - 500)} leaves out the record modified half a second later`, sv: `meta.modified.after=${iso(t - 500)} utelämnar posten som ändrades en halv sekund senare` }, { expected: { en: `${id} selected`, sv: `${id} valts ut` }, evidence: before.exchanges })
    if (past.records.some((r) => idOf(r) === id)) ctx.report({ en: `meta.modified.after=${iso(t + 250)} selects the record modified a quarter second earlier`, sv: `meta.modified.after=${iso(t + 250)} väljer posten som ändrades en kvarts sekund tidigare` }, { expected: { en: `${id} left out`, sv: `${id} utelämnad` }, evidence: past.exchanges })
  },
})
