import { defineCheck } from '../../src/core/check.js'
import { acceptsValidRefusesInvalid } from './_entry-accepted.js'
import { only, writesAllowed } from './_writes.js'

export default defineCheck({
  id: 'API-STAT-001',
  title: {
    en: 'POST /statistics/ accepts a valid StatisticsEntry with 201 and refuses an invalid one with 400',
    sv: 'POST /statistics/ tar emot en giltig StatisticsEntry med 201 och nekar en ogiltig med 400',
  },
  requirements: ['SS12000-STATISTICS', 'SS12000-ERROR-BODY'],
  severity: 'must',
  profiles: ['write-mode', 'full-2.1'],
  appliesTo: writesAllowed,
  changesData: true,
  forEach: only('POST /statistics/'),
  async run(ctx, op) {
    const valid = { resourceType: 'Person', newCount: 0, updatedCount: 1, deletedCount: 0, timeOfOccurance: new Date().toISOString() }
    await acceptsValidRefusesInvalid(ctx, op, valid, { resourceType: 'Person', newCount: 0 }, { en: 'lacks the required updatedCount and deletedCount', sv: 'saknar de obligatoriska updatedCount och deletedCount' })
  },
})
