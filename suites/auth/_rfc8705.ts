// Helpers of the RFC 8705 checks (AUTH-TOKEN-004, AUTH-TOKEN-006, AUTH-RS-009): konform authenticates at the token
// endpoint with the client certificate of its mutual-TLS connection (tls_client_auth, self_signed_tls_client_auth).

import type { CheckContext, PlanView } from '../../src/core/context.js'
import type { Bilingual } from '../../src/core/result.js'
import { isMtlsClientAuth } from '../../src/http/client-auth.js'
import type { TlsProbeResult } from '../../src/http/tls-probe.js'

export const needsMtlsClientAuth = (plan: PlanView): true | Bilingual =>
  plan.authKind !== 'client-credentials' || !plan.tokenUrl
    ? { en: 'the run uses no token endpoint (give --token-url and --client-id)', sv: 'körningen använder ingen tokenändpunkt (ange --token-url och --client-id)' }
    : !plan.mtls
      ? {
          en: 'konform presents no client certificate: give --client-cert and --client-key (and --ca for a private server CA)',
          sv: 'konform visar inget klientcertifikat: ange --client-cert och --client-key (och --ca för en privat server-CA)',
        }
      : !isMtlsClientAuth(plan.clientAuth)
        ? {
            en: `konform authenticates with ${plan.clientAuth ?? 'client_secret_basic'}, not by its certificate: give --client-auth tls_client_auth (or self_signed_tls_client_auth)`,
            sv: `konform autentiserar sig med ${plan.clientAuth ?? 'client_secret_basic'}, inte med sitt certifikat: ange --client-auth tls_client_auth (eller self_signed_tls_client_auth)`,
          }
        : true

/** A client-credentials request as tls_client_auth sends it (client_id, no secret) on a connection of its own. */
export function mtlsTokenRequest(ctx: CheckContext, clientId: string, client?: { cert?: string; key?: string }): Promise<TlsProbeResult> {
  return ctx.probeTls({
    url: ctx.plan.tokenUrl!,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId }).toString(),
    ca: ctx.tls?.ca,
    cert: client?.cert,
    key: client?.key,
  })
}
