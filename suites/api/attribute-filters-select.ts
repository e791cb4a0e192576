import { defineCheck } from '../../src/core/check.js'
import { CheckSkip } from '../../src/core/failure.js'
import { attributeFilters, tryAttribute, tryParent } from './_attributes.js'
import { hasParam, listOps, sampleRecords } from './_shared.js'

export default defineCheck({
  id: 'API-FILTER-010',
  title: {
    en: 'A filter on a value of the record (organisation parent, type, schoolTypes, codes; groupType; dutyRole; civicNo …) returns exactly the records that have it',
    sv: 'Ett filter på ett värde i posten (organisationens parent, type, schoolTypes, koder; groupType; dutyRole; civicNo …) returnerar exakt de poster som har det',
  },
  requirements: ['SS12000-FILTER-ATTRIBUTE'],
  severity: 'must',
  profiles: ['full-2.1'],
  needs: ['API-CAPABILITY-001'],
  forEach: (ops) => listOps(ops).filter((o) => attributeFilters(o).length > 0 || (o.path === '/organisations' && hasParam(o, 'parent'))),
  async run(ctx, op) {
    const sample = await sampleRecords(ctx, op, 100)
    const tried: string[] = []
    // The value fewest sampled records carry, so a filter that is ignored cannot pass.
    for (const { param, field } of attributeFilters(op)) if (await tryAttribute(ctx, op, sample, param, field)) tried.push(param)
    if (op.path === '/organisations' && hasParam(op, 'parent') && (await tryParent(ctx, op, sample))) tried.push('parent')
    if (!tried.length) throw new CheckSkip({ en: `no sampled record of ${op.key} carries a value its filters select on`, sv: `ingen post i urvalet från ${op.key} har ett värde som dess filter väljer på` })
    ctx.note({ en: `filters tried: ${tried.join(', ')}`, sv: `filter som prövades: ${tried.join(', ')}` })
  },
})
