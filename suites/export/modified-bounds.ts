import { defineCheck } from '../../src/core/check.js'
import { hasParam } from '../api/_shared.js'
import { idOf, recordLists, walkList } from './_shared.js'

export default defineCheck({
  id: 'EXPORT-FILTER-018',
  title: {
    en: 'At a record’s exact meta.modified, modified.after leaves it out and modified.before includes it',
    sv: 'Vid en posts exakta meta.modified utesluter modified.after den och modified.before tar med den',
  },
  requirements: ['SS12000-FILTER-META'],
  severity: 'must',
  profiles: ['core', 'skolverket-dnp'],
  forEach: (ops) => recordLists(ops).filter((o) => hasParam(o, 'meta.modified.after') && hasParam(o, 'meta.modified.before')),
  async run(ctx, op) {
    // An incremental export starts at a cursor: an inclusive .after serves a record twice, an exclusive .before loses one.
    const all = (await walkList(ctx, op)).records.filter((r) => typeof (r.meta as { modified?: unknown })?.modified === 'string')
    if (!all.length) return ctx.note({ en: `${op.key} served no record with meta.modified`, sv: `${op.key} levererade ingen post med meta.modified` })
    const rec = all[all.length >> 1]
    const at = (rec.meta as { modified: string }).modified
    const id = String(idOf(rec))
    const after = await walkList(ctx, op, { query: { 'meta.modified.after': at } })
    const before = await walkList(ctx, op, { query: { 'meta.modified.before': at } })
    ctx.note({
      en: `record ${id}, modified ${at}: ${after.records.length} after, ${before.records.length} before`,
      sv: `post ${id}, ändrad ${at}: ${after.records.length} efter, ${before.records.length} före`,
    })
    if (after.records.some((r) => idOf(r) === id)) ctx.report({ en: `meta.modified.after=${at} includes the record modified at exactly that instant`, sv: `meta.modified.after=${at} tar med posten som ändrades exakt vid den tidpunkten` }, { expected: { en: 'exclusive', sv: 'gränsen exkluderas' }, evidence: after.exchanges })
    if (!before.records.some((r) => idOf(r) === id)) ctx.report({ en: `meta.modified.before=${at} leaves out the record modified at exactly that instant`, sv: `meta.modified.before=${at} utelämnar posten som ändrades exakt vid den tidpunkten` }, { expected: { en: 'inclusive', sv: 'gränsen inkluderas' }, evidence: before.exchanges })
  },
})
