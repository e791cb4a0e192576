import { defineCheck } from '../../src/core/check.js'
import { CheckSkip } from '../../src/core/failure.js'
import { dateFilters } from './_records.js'
import { listOps, sampleRecords } from './_shared.js'
import { tryDateFilter } from './_windows.js'

export default defineCheck({
  id: 'API-FILTER-007',
  title: {
    en: 'Date and time window filters (startDate, endDate, startTime, endTime …) keep exactly the records inside the window, open-ended ones included',
    sv: 'Datum- och tidsfönsterfilter (startDate, endDate, startTime, endTime …) behåller exakt posterna inom fönstret, även de utan slutdatum',
  },
  requirements: ['SS12000-FILTER-DATES'],
  severity: 'must',
  profiles: ['full-2.1'],
  needs: ['API-CAPABILITY-001'],
  forEach: (ops) => listOps(ops).filter((o) => dateFilters(o).length > 0),
  async run(ctx, op) {
    const sample = await sampleRecords(ctx, op, 100, 2)
    let tried = 0
    for (const f of dateFilters(op)) if (await tryDateFilter(ctx, op, sample, f)) tried++
    if (!tried) throw new CheckSkip({ en: `fewer than two records of ${op.key} carry the fields its date filters select on`, sv: `färre än två poster i ${op.key} har de fält som datumfiltren väljer på` })
    ctx.note({ en: `${tried} date filter(s) of ${op.key} tried`, sv: `${tried} datumfilter i ${op.key} prövade` })
  },
})
