import { defineCheck } from '../../src/core/check.js'
import { hasParam, listOps, requiredQuery } from './_shared.js'

export default defineCheck({
  id: 'API-PARAM-001',
  title: {
    en: 'A list asked for without its required parameters (the time window of calendarEvents, aggregatedAttendance) is refused with 400',
    sv: 'En lista som efterfrågas utan sina obligatoriska parametrar (tidsfönstret för calendarEvents, aggregatedAttendance) nekas med 400',
  },
  requirements: ['SS12000-PARAM-REQUIRED', 'SS12000-ERROR-BODY'],
  // The parameters are `required: true`, but the spec names 400 only for pageToken misuse: refusing is expected, not stated.
  severity: 'should',
  profiles: ['full-2.1'],
  needs: ['API-CAPABILITY-001'],
  forEach: (ops) => listOps(ops).filter((o) => Object.keys(requiredQuery(o)).length > 0),
  async run(ctx, op) {
    const all = requiredQuery(op)
    // Without any of them, then without each one in turn.
    const variants: [{ en: string; sv: string }, Record<string, unknown>][] = [[{ en: 'none of ' + Object.keys(all).join(', '), sv: 'inget av ' + Object.keys(all).join(', ') }, {}]]
    for (const name of Object.keys(all)) variants.push([{ en: `no ${name}`, sv: `utan ${name}` }, Object.fromEntries(Object.entries(all).filter(([k]) => k !== name))])
    for (const [what, query] of variants) {
      const res = await ctx.call(op, { query: { ...(query as typeof all), limit: hasParam(op, 'limit') ? 1 : undefined } })
      if (res.status !== 400) {
        ctx.report({ en: `${op.key} with ${what.en} was not refused with 400`, sv: `${op.key} med ${what.sv} avvisades inte med 400` }, {
          expected: { en: 'HTTP 400 with an Error body', sv: 'HTTP 400 med en Error-kropp' },
          actual: `HTTP ${res.status}`, evidence: [res.exchangeId] })
        continue
      }
      ctx.expectErrorBody(res)
    }
  },
})
