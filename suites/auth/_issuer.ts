// Helpers of the AUTH-RS checks that present tokens from konform's test issuer, each with one thing wrong.

import type { TokenVariant } from '../../src/auth/issuer.js'
import type { CheckContext, PlanView } from '../../src/core/context.js'
import type { Operation } from '../../src/spec/operations.js'
import { listOps, requiredQuery } from '../api/_shared.js'

/** What a vendor does so that these checks run instead of being skipped: the instructions are the skip reason. */
export const ISSUER_INSTRUCTIONS = {
  en:
    "the target does not trust konform's test issuer. To run this check: (1) `konform auth issuer --key issuer.pem` serves a JWKS " +
  '(and prints the iss); (2) configure the test system to trust that iss with that JWKS and an audience of your choice; ' +
  '(3) run with --issuer-key issuer.pem --issuer ISS --audience AUD (skolverket-dnp: audience "nutid", locations = --target)',
  sv:
    'målet litar inte på konforms testutfärdare. Så körs kontrollen: (1) `konform auth issuer --key issuer.pem` publicerar en JWKS ' +
    '(och skriver ut iss); (2) ställ in testsystemet att lita på den iss med den JWKS och en valfri audience; ' +
    '(3) kör med --issuer-key issuer.pem --issuer ISS --audience AUD (skolverket-dnp: audience "nutid", locations = --target)',
}

export const needsIssuer = (plan: PlanView): true | { en: string; sv: string } => (plan.issuer ? true : ISSUER_INSTRUCTIONS)

/** One list operation is enough: the token rules are the API's, not an operation's. */
export const oneListOp = (ops: readonly Operation[]) => listOps(ops).slice(0, 1)

/** Presents each token variant; every one that is not refused (401 or 403) becomes a finding. */
export async function expectRefused(ctx: CheckContext, op: Operation, variants: readonly [TokenVariant, { en: string; sv: string }][]): Promise<void> {
  for (const [variant, what] of variants) {
    const res = await ctx.call(op, { query: { ...requiredQuery(op), limit: 1 }, auth: { bearer: await ctx.mintToken(variant) } })
    if (res.status !== 401 && res.status !== 403) {
      ctx.report({ en: `${op.key} was served with ${what.en}`, sv: `${op.key} besvarades med ${what.sv}` }, {
        expected: { en: 'HTTP 401 (invalid_token) or 403', sv: 'HTTP 401 (invalid_token) eller 403' },
        actual: `HTTP ${res.status}`, evidence: [res.exchangeId] })
    } else {
      ctx.note({ en: `${what.en}: refused with ${res.status}`, sv: `${what.sv}: nekades med ${res.status}` })
    }
  }
}
