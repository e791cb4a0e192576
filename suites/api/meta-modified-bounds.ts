import { defineCheck } from '../../src/core/check.js'
import { checkMetaBounds } from './_meta-bounds.js'
import { hasParam, listOps } from './_shared.js'

export default defineCheck({
  id: 'API-FILTER-001',
  title: {
    en: 'meta.modified.after is exclusive and meta.modified.before inclusive',
    sv: 'meta.modified.after är exkluderande och meta.modified.before inkluderande',
  },
  requirements: ['SS12000-FILTER-META'],
  severity: 'must',
  profiles: ['core', 'skolverket-dnp', 'full-2.1'],
  needs: ['API-CAPABILITY-001'],
  forEach: (ops) => listOps(ops).filter((o) => hasParam(o, 'meta.modified.after') && hasParam(o, 'meta.modified.before')),
  run: (ctx, op) => checkMetaBounds(ctx, op, 'modified'),
})
