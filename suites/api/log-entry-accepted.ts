import { defineCheck } from '../../src/core/check.js'
import { acceptsValidRefusesInvalid } from './_entry-accepted.js'
import { only, writesAllowed } from './_writes.js'

export default defineCheck({
  id: 'API-LOG-001',
  title: {
    en: 'POST /log/ accepts a valid LogEntry with 201 and refuses an invalid one with 400',
    sv: 'POST /log/ tar emot en giltig LogEntry med 201 och nekar en ogiltig med 400',
  },
  requirements: ['SS12000-LOG', 'SS12000-ERROR-BODY'],
  severity: 'must',
  profiles: ['write-mode', 'full-2.1'],
  appliesTo: writesAllowed,
  changesData: true,
  forEach: only('POST /log/'),
  async run(ctx, op) {
    const valid = { message: 'konform conformance check: a test log entry', messageType: 'KonformCheck', severityLevel: 'Info', timeOfOccurance: new Date().toISOString() }
    await acceptsValidRefusesInvalid(ctx, op, valid, { message: 'konform conformance check', severityLevel: 'Loud' }, { en: 'has a severityLevel outside Info|Warning|Error', sv: 'har en severityLevel utanför Info|Warning|Error' })
  },
})
