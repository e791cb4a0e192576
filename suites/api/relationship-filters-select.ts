import { defineCheck } from '../../src/core/check.js'
import { CheckSkip } from '../../src/core/failure.js'
import { relationFilters } from './_records.js'
import { listOps, sampleRecords } from './_shared.js'
import { tryRelationFilter } from './_windows.js'

export default defineCheck({
  id: 'API-FILTER-006',
  title: {
    en: 'A relationship filter (organisation, student, group, teacher …) returns exactly the records that reference the given id',
    sv: 'Ett relationsfilter (organisation, student, group, teacher …) returnerar exakt de poster som refererar till angivet id',
  },
  requirements: ['SS12000-FILTER-RELATION'],
  severity: 'must',
  profiles: ['full-2.1'],
  needs: ['API-CAPABILITY-001'],
  forEach: (ops) => listOps(ops).filter((o) => relationFilters(o).length > 0),
  async run(ctx, op) {
    const sample = await sampleRecords(ctx, op, 100)
    let tried = 0
    for (const { param, field } of relationFilters(op)) if (await tryRelationFilter(ctx, op, sample, param, field)) tried++
    if (!tried) throw new CheckSkip({ en: `no record of ${op.key} references anything its relationship filters select on`, sv: `ingen post i ${op.key} refererar till något som relationsfiltren väljer på` })
    ctx.note({ en: `${tried} relationship filter(s) of ${op.key} tried`, sv: `${tried} relationsfilter i ${op.key} prövade` })
  },
})
