// Helpers of the mutual-TLS checks: they apply when konform presents a client certificate to an https target.

import type { CheckContext, PlanView } from '../../src/core/context.js'
import { refused, type TlsProbeOptions, type TlsProbeResult } from '../../src/http/tls-probe.js'
import type { Operation } from '../../src/spec/operations.js'
import { buildUrl } from '../../src/core/context.js'
import { listOps, requiredQuery } from '../api/_shared.js'

export const needsMtls = (plan: PlanView): true | { en: string; sv: string } =>
  !plan.target.startsWith('https:')
    ? { en: 'the target is not https', sv: 'målet använder inte https' }
    : plan.mtls
      ? true
      : {
          en: 'konform presents no client certificate: give --client-cert and --client-key (and --ca for a private server CA)',
          sv: 'konform visar inget klientcertifikat: ange --client-cert och --client-key (och --ca för en privat server-CA)',
        }

export const oneListOp = (ops: readonly Operation[]) => listOps(ops).slice(0, 1)

/** A request for the operation with a valid token but the given TLS settings; a 2xx (or any answer but 401/403) is a finding. */
export async function expectTlsRefusal(ctx: CheckContext, op: Operation, what: { en: string; sv: string }, o: Omit<TlsProbeOptions, 'url' | 'timeoutMs'>): Promise<TlsProbeResult> {
  // The run's token: a refusal must come from the TLS rule, not from a missing token.
  const token = await ctx.accessToken()
  const url = buildUrl(ctx.plan.target, op.path, { ...requiredQuery(op), limit: 1 })
  const r = await ctx.probeTls({ url, ca: ctx.tls?.ca, headers: token ? { authorization: `Bearer ${token}` } : {}, ...o })
  if (!refused(r)) {
    ctx.fail({ en: `${op.key} was served ${what.en}`, sv: `${op.key} besvarades ${what.sv}` }, {
      expected: { en: 'the TLS handshake refused, or HTTP 401/403', sv: 'att TLS-handskakningen avvisas, eller HTTP 401/403' },
      actual: { en: `HTTP ${r.status}${r.protocol ? ` over ${r.protocol}` : ''}`, sv: `HTTP ${r.status}${r.protocol ? ` över ${r.protocol}` : ''}` },
      evidence: [r.exchange.id],
    })
  }
  ctx.note({ en: `${what.en}: refused (${r.error ?? `HTTP ${r.status}`})`, sv: `${what.sv}: nekades (${r.error ?? `HTTP ${r.status}`})` })
  return r
}
