// Validates an answer against the schema the operation declares for its status code (or its `default`), as a
// finding instead of a thrown failure, so one check can judge every answer it receives.

import type { CheckContext } from '../../src/core/context.js'
import type { HttpResponse } from '../../src/http/client.js'
import type { Operation } from '../../src/spec/operations.js'

/** Records a finding when the answer's status is undeclared or its body does not match the declared schema. */
export function judgeAnswer(ctx: CheckContext, res: HttpResponse, op: Operation, asked: string): boolean {
  ctx.markSchemaJudged(res)
  const declared = Object.hasOwn(op.responses, String(res.status)) ? String(res.status) : Object.hasOwn(op.responses, 'default') ? 'default' : undefined
  if (declared === undefined) {
    ctx.report({ en: `${op.key} (${asked}) answered ${res.status}, a status the spec does not declare`, sv: `${op.key} (${asked}) svarade ${res.status}, en status som specifikationen inte anger` }, { evidence: [res.exchangeId] })
    return false
  }
  const pointer = op.responses[declared]
  if (pointer === null) return true
  if (res.json === undefined) {
    ctx.report({ en: `the ${res.status} answer of ${op.key} (${asked}) is not JSON`, sv: `${res.status}-svaret från ${op.key} (${asked}) är inte JSON` }, {
      expected: { en: `a JSON body valid against the ${declared} response schema`, sv: `en JSON-kropp som är giltig enligt svarsschemat för ${declared}` },
      actual: res.jsonError ? { en: `unparseable: ${res.jsonError}`, sv: `går inte att tolka: ${res.jsonError}` } : { en: 'an empty body', sv: 'en tom kropp' },
      evidence: [res.exchangeId],
    })
    return false
  }
  const outcome = ctx.spec.validators.validate(pointer, res.json)
  if (!outcome.valid) {
    ctx.report({
      en: `the ${res.status} answer of ${op.key} (${asked}) does not match the schema the spec declares for ${declared}`,
      sv: `${res.status}-svaret från ${op.key} (${asked}) följer inte det schema som specifikationen anger för ${declared}`,
    }, {
      actual: outcome.errors.slice(0, 5).join('; '),
      evidence: [res.exchangeId],
    })
    return false
  }
  return true
}
