import { defineCheck } from '../../src/core/check.js'
import { CheckSkip } from '../../src/core/failure.js'
import { few, hasParam, requiredQuery } from './_shared.js'

// Not a request of its own: the answers every other check of the run received for this operation (paging walks,
// filters, lookups, auth probes …) are judged against the schema the spec declares for their status code
// (src/core/observed.ts). Answers a schema check judged itself (API-SCHEMA-001..004) are left out, so a
// mismatch is reported once; statuses the spec does not declare are counted in a note (the checks that provoked
// them judge status codes).
export default defineCheck({
  id: 'API-SCHEMA-005',
  title: {
    en: 'Every answer the run received, whichever check asked, matches the schema the spec declares for its status code',
    sv: 'Varje svar körningen fick, oavsett vilken kontroll som frågade, följer det schema som specifikationen anger för dess statuskod',
  },
  requirements: ['SS12000-RESPONSE-SCHEMA'],
  severity: 'must',
  profiles: ['core', 'skolverket-dnp', 'full-2.1'],
  reviewsRun: true,
  forEach: (ops) => ops,
  async run(ctx, op) {
    let answers = ctx.unjudgedAnswers(op)
    // Run alone (or when no other check asked for a list), it asks for a first page itself.
    if (!answers.length && op.kind === 'list' && op.method === 'GET') {
      await ctx.call(op, { query: { ...requiredQuery(op), limit: hasParam(op, 'limit') ? 5 : undefined } })
      answers = ctx.unjudgedAnswers(op)
    }
    if (!answers.length) throw new CheckSkip({ en: `no other check received an answer of ${op.key} it did not judge itself`, sv: `ingen annan kontroll fick ett svar från ${op.key} som den inte själv bedömde` })
    const undeclared = answers.filter((a) => a.declared === undefined)
    const bad = answers.filter((a) => a.errors.length)
    for (const a of bad) if (a.exchange) ctx.cite(a.exchange)
    if (bad.length) {
      const first = bad[0]
      ctx.report({
        en: `${bad.length} of ${answers.length} answers of ${op.key} that other checks received do not match the schema the spec declares for their status`,
        sv: `${bad.length} av ${answers.length} svar från ${op.key} som andra kontroller fick följer inte det schema som specifikationen anger för deras status`,
      }, {
        expected: {
          en: `each body valid against the schema of its status (first: ${first.status}, received by ${first.checkName})`,
          sv: `varje kropp giltig enligt schemat för sin status (första: ${first.status}, mottaget av ${first.checkName})`,
        },
        actual: few(first.errors, 3),
        evidence: bad.filter((a) => a.exchange).map((a) => a.exchangeId),
      })
    }
    const checks = new Set(answers.map((a) => a.checkName.replace(/ \[.*$/, '')))
    ctx.note({
      en:
        `${answers.length - bad.length} of ${answers.length} answers received by ${few([...checks], 6)} match their declared schema` +
        (undeclared.length ? `; ${undeclared.length} with a status the spec does not declare (${few([...new Set(undeclared.map((a) => String(a.status)))], 5)}) are judged by the checks that asked` : ''),
      sv:
        `${answers.length - bad.length} av ${answers.length} svar som ${few([...checks], 6)} tog emot följer sitt angivna schema` +
        (undeclared.length ? `; ${undeclared.length} med en status som specifikationen inte anger (${few([...new Set(undeclared.map((a) => String(a.status)))], 5)}) bedöms av de kontroller som frågade` : ''),
    })
  },
})
