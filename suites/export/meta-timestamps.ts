import { defineCheck } from '../../src/core/check.js'
import { few, idOf, recordLists, walkList } from './_shared.js'

/** RFC 3339 date-time with a time zone (Z or ±hh:mm). */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i

export default defineCheck({
  id: 'EXPORT-META-016',
  title: {
    en: 'Every record carries meta.created and meta.modified as RFC 3339 with a time zone, modified not before created',
    sv: 'Varje post har meta.created och meta.modified i RFC 3339 med tidszon, modified inte före created',
  },
  requirements: ['EU-DA-2.38', 'SS12000-FILTER-META'],
  severity: 'must',
  profiles: ['core', 'skolverket-dnp'],
  forEach: recordLists,
  async run(ctx, op) {
    const w = await walkList(ctx, op)
    const bad: string[] = []
    for (const rec of w.records) {
      const meta = rec.meta as { created?: unknown; modified?: unknown } | undefined
      const c = meta?.created
      const m = meta?.modified
      if (typeof c !== 'string' || !RFC3339.test(c) || typeof m !== 'string' || !RFC3339.test(m)) bad.push(`${String(idOf(rec))} (meta ${JSON.stringify(meta ?? null)})`)
      else if (Date.parse(m) < Date.parse(c)) bad.push(`${String(idOf(rec))} (modified ${m} before created ${c})`)
    }
    ctx.note({
      en: `${w.records.length - bad.length} of ${w.records.length} records of ${op.key} have usable meta timestamps`,
      sv: `${w.records.length - bad.length} av ${w.records.length} poster i ${op.key} har användbara tidsstämplar i meta`,
    })
    if (bad.length) {
      ctx.fail({
        en: `${bad.length} record(s) of ${op.key} lack usable meta timestamps, so an incremental export cannot find their changes`,
        sv: `${bad.length} post(er) i ${op.key} saknar användbara tidsstämplar i meta, så en inkrementell export kan inte hitta deras ändringar`,
      }, {
        expected: { en: 'meta.created and meta.modified, RFC 3339 with Z or an offset, modified >= created', sv: 'meta.created och meta.modified enligt RFC 3339 med Z eller en tidszonsförskjutning, modified >= created' },
        actual: few(bad, 3),
        evidence: w.exchanges,
      })
    }
  },
})
