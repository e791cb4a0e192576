import { randomUUID } from 'node:crypto'
import { defineCheck } from '../../src/core/check.js'
import type { HttpResponse } from '../../src/http/client.js'
import { judgeAnswer } from './_answers.js'
import { idOf } from './_records.js'
import { hasParam, listOpFor, requiredQuery } from './_shared.js'

export default defineCheck({
  id: 'API-SCHEMA-004',
  title: {
    en: 'Every answer, success or error, matches the schema the spec declares for its status code',
    sv: 'Varje svar, lyckat eller fel, följer det schema som specifikationen anger för dess statuskod',
  },
  requirements: ['SS12000-RESPONSE-SCHEMA', 'SS12000-ERROR-BODY'],
  severity: 'must',
  profiles: ['core', 'skolverket-dnp', 'full-2.1'],
  needs: ['API-CAPABILITY-001'],
  forEach: (ops) => ops.filter((o) => o.readOnly),
  async run(ctx, op) {
    // The requests a client sends in normal use and in error: each answer is judged against the declared schema.
    const answers: [string, HttpResponse][] = []
    const ask = async (what: string, p: Promise<HttpResponse>) => answers.push([what, await p])
    const limit = hasParam(op, 'limit') ? 5 : undefined
    if (op.kind === 'list') {
      await ask('a first page', ctx.call(op, { query: { ...requiredQuery(op), limit } }))
      if (limit) await ask('limit=0', ctx.call(op, { query: { ...requiredQuery(op), limit: 0 } }))
      if (hasParam(op, 'sortkey')) await ask('an unknown sortkey', ctx.call(op, { query: { ...requiredQuery(op), sortkey: 'KonformNoSuchKey', limit } }))
    } else {
      const list = listOpFor(ctx, op)
      const first = await ctx.call(list, { query: { ...requiredQuery(list), limit: hasParam(list, 'limit') ? 2 : undefined } })
      const data = (first.json as { data?: unknown[] } | undefined)?.data
      const ids = (Array.isArray(data) ? data : []).map(idOf).filter((x): x is string => x !== undefined)
      if (op.kind === 'lookup') {
        await ask('known and unknown ids', ctx.call(op, { body: { ids: [...ids, randomUUID()] } }))
        await ask('an empty list of ids', ctx.call(op, { body: { ids: [] } }))
      } else {
        if (ids[0]) await ask('an id its list served', ctx.call(op, { path: { id: ids[0] } }))
        await ask('an unknown id', ctx.call(op, { path: { id: randomUUID() } }))
        await ask('a malformed id', ctx.call(op, { path: { id: 'not-a-uuid' } }))
      }
    }
    const good = answers.filter(([what, res]) => judgeAnswer(ctx, res, op, what)).length
    ctx.note({
      en: `${good} of ${answers.length} answers match their declared schema (${answers.map(([w, r]) => `${w}: ${r.status}`).join('; ')})`,
      sv: `${good} av ${answers.length} svar följer sitt angivna schema (${answers.map(([w, r]) => `${w}: ${r.status}`).join('; ')})`,
    })
  },
})
