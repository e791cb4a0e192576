// Helpers of the FedTLS server checks (profile fedtls): the target consumes a federation's metadata, konform's
// client certificate is pinned there, and the target's own certificate is pinned for its server entry.

import { verifyMetadataSignature, type Entity } from '../../src/auth/fedtls.js'
import type { CheckContext, PlanView } from '../../src/core/context.js'
import { CheckError } from '../../src/core/failure.js'
import { needsMtls } from './_tls.js'
import { fetchParsed } from './_metadata.js'

export const needsFederation = (plan: PlanView): true | string => {
  const tls = needsMtls(plan)
  if (tls !== true) return tls
  return plan.metadata ? true : 'no federation metadata: give --fedtls-metadata FILE|URL and --fedtls-jwks FILE (the federation the target consumes)'
}

export const needsUnpinned = (plan: PlanView): true | string => {
  const fed = needsFederation(plan)
  if (fed !== true) return fed
  return plan.fedtls?.unpinned
    ? true
    : 'no unpinned certificate: give --unpinned-cert and --unpinned-key, a client certificate from an issuer the metadata lists whose pin it does not publish'
}

/** The federation's metadata, fetched (recorded) and verified: its entities and the exchange. */
export async function federationEntities(ctx: CheckContext): Promise<{ entities: Entity[]; exchangeId: string }> {
  const { res, jws, payload } = await fetchParsed(ctx)
  const bad = await verifyMetadataSignature(jws, ctx.plan.metadata!.jwks)
  if (bad) throw new CheckError(`the federation metadata does not verify against --fedtls-jwks, so its pins cannot be used: ${bad}`)
  return { entities: (Array.isArray(payload.entities) ? payload.entities : []) as Entity[], exchangeId: res.exchangeId }
}
