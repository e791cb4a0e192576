import { defineCheck } from '../../src/core/check.js'
import { hasParam } from '../api/_shared.js'
import { few, idOf, recordLists, walkList } from './_shared.js'

/** The instant t written with a UTC offset of h hours: 2025-05-01T12:00:00+02:00. */
function withOffset(t: number, h: number): string {
  if (h === 0) return new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z')
  const sign = h < 0 ? '-' : '+'
  return new Date(t + h * 3600_000).toISOString().replace(/\.\d{3}Z$/, `${sign}${String(Math.abs(h)).padStart(2, '0')}:00`)
}

export default defineCheck({
  id: 'EXPORT-TZ-019',
  title: {
    en: 'The same instant written with different UTC offsets (Z, +01:00, +02:00, -05:00) selects the same records',
    sv: 'Samma tidpunkt skriven med olika UTC-förskjutningar (Z, +01:00, +02:00, -05:00) väljer samma poster',
  },
  requirements: ['DIGG-DOT-01', 'SS12000-FILTER-META'],
  severity: 'must',
  profiles: ['core', 'skolverket-dnp'],
  forEach: (ops) => recordLists(ops).filter((o) => hasParam(o, 'meta.modified.after')),
  async run(ctx, op) {
    const all = (await walkList(ctx, op)).records.filter((r) => typeof (r.meta as { modified?: unknown })?.modified === 'string')
    if (!all.length) return ctx.note({ en: `${op.key} served no record with meta.modified`, sv: `${op.key} levererade ingen post med meta.modified` })
    // One second before a record's modified: a misread offset moves the bound past it.
    const t = Date.parse((all[all.length >> 1].meta as { modified: string }).modified) - 1000
    const sets = []
    for (const h of [0, 1, 2, -5]) {
      const at = withOffset(t, h)
      const w = await walkList(ctx, op, { query: { 'meta.modified.after': at } })
      sets.push({ at, ids: w.records.map((r) => String(idOf(r))).sort(), exchanges: w.exchanges })
    }
    const [z] = sets
    ctx.note(sets.map((s) => `after=${s.at}: ${s.ids.length}`).join('; '))
    for (const s of sets.slice(1)) {
      if (s.ids.join() === z.ids.join()) continue
      ctx.report({ en: `meta.modified.after=${s.at} selects other records than ${z.at}, the same instant`, sv: `meta.modified.after=${s.at} väljer andra poster än ${z.at}, som är samma tidpunkt` }, {
        expected: { en: `${z.ids.length} records`, sv: `${z.ids.length} poster` },
        actual: `${s.ids.length} records; differing: ${few([...s.ids.filter((i) => !z.ids.includes(i)), ...z.ids.filter((i) => !s.ids.includes(i))])}`,
        evidence: [...z.exchanges, ...s.exchanges],
      })
    }
  },
})
