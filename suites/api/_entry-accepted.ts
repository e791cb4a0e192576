// POST /log/ and POST /statistics/: a valid entry is answered 201, one that fails its schema is refused.

import type { CheckContext } from '../../src/core/context.js'
import type { Operation } from '../../src/spec/operations.js'

/** 400 is what the kit expects; 422 refuses as clearly (the spec declares only 201, 403 and default). */
const REFUSED = [400, 422]

export async function acceptsValidRefusesInvalid(ctx: CheckContext, op: Operation, valid: unknown, invalid: unknown, why: { en: string; sv: string }): Promise<void> {
  const ok = await ctx.call(op, { body: valid })
  ctx.expectStatus(ok, 201, { en: `${op.key} did not accept a valid entry`, sv: `${op.key} tog inte emot en giltig post` })
  const bad = await ctx.call(op, { body: invalid })
  ctx.expectStatus(bad, REFUSED, { en: `${op.key} accepted an entry that ${why.en}`, sv: `${op.key} tog emot en post som ${why.sv}` })
  ctx.expectErrorBody(bad)
}
