import { defineCheck } from '../../src/core/check.js'
import { checkMetaBounds } from './_meta-bounds.js'
import { hasParam, listOps } from './_shared.js'

export default defineCheck({
  id: 'API-FILTER-002',
  title: {
    en: 'meta.created.after is exclusive and meta.created.before inclusive',
    sv: 'meta.created.after är exkluderande och meta.created.before inkluderande',
  },
  requirements: ['SS12000-FILTER-META'],
  severity: 'must',
  profiles: ['core', 'skolverket-dnp', 'full-2.1'],
  needs: ['API-CAPABILITY-001'],
  forEach: (ops) => listOps(ops).filter((o) => hasParam(o, 'meta.created.after') && hasParam(o, 'meta.created.before')),
  run: (ctx, op) => checkMetaBounds(ctx, op, 'created'),
})
