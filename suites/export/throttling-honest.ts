import { defineCheck } from '../../src/core/check.js'
import { requiredQuery } from '../api/_shared.js'
import { exportLists } from './_shared.js'

export default defineCheck({
  id: 'EXPORT-THROTTLE-033',
  title: {
    en: 'Throttling is honest: a 429 or 503 carries Retry-After, so an export knows when to go on',
    sv: 'Strypning är ärlig: ett 429 eller 503 har Retry-After, så att en export vet när den kan fortsätta',
  },
  requirements: ['EU-DA-23', 'EU-DA-25.2'],
  severity: 'must',
  profiles: ['core', 'skolverket-dnp'],
  forEach: exportLists,
  async run(ctx, op) {
    // The client waits out a Retry-After and asks again; what comes back still 429/503 had none (or too long a one).
    const res = await ctx.call(op, { query: { ...requiredQuery(op), limit: 1 } })
    if (res.status === 429 || res.status === 503) {
      ctx.fail({ en: `${op.key} answered ${res.status} without a usable Retry-After: an export cannot know when to resume`, sv: `${op.key} svarade ${res.status} utan användbar Retry-After: en export kan inte veta när den kan fortsätta` }, {
        expected: { en: 'Retry-After (seconds or an HTTP date) on every 429/503, or no throttling', sv: 'Retry-After (sekunder eller ett HTTP-datum) på varje 429/503, eller ingen strypning' },
        actual: `HTTP ${res.status}, Retry-After: ${res.headers['retry-after'] ?? '(none)'}`,
        evidence: [res.exchangeId],
      })
    }
    const throttled = ctx.evidence.filter((e) => e.response && [429, 503].includes(e.response.status)).length
    ctx.note(
      throttled
        ? { en: `${throttled} throttled answer(s), each with a Retry-After that was honoured`, sv: `${throttled} strypta svar, vart och ett med en Retry-After som respekterades` }
        : { en: `${op.key} was not throttled`, sv: `${op.key} ströps inte` },
    )
  },
})
