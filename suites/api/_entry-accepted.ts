// POST /log/ and POST /statistics/: a valid entry is answered 201, one that fails its schema is refused.

import type { CheckContext } from '../../src/core/context.js'
import type { Operation } from '../../src/spec/operations.js'

/** 400 is what the kit expects; 422 refuses as clearly (the spec declares only 201, 403 and default). */
const REFUSED = [400, 422]

export async function acceptsValidRefusesInvalid(ctx: CheckContext, op: Operation, valid: unknown, invalid: unknown, why: string): Promise<void> {
  const ok = await ctx.call(op, { body: valid })
  ctx.expectStatus(ok, 201, `${op.key} did not accept a valid entry`)
  const bad = await ctx.call(op, { body: invalid })
  ctx.expectStatus(bad, REFUSED, `${op.key} accepted an entry that ${why}`)
  ctx.expectErrorBody(bad)
}
