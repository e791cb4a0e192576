// Helpers of the FedTLS server checks (profile fedtls): the target consumes a federation's metadata, konform's
// client certificate is pinned there, and the target's own certificate is pinned for its server entry.

import { verifyMetadataSignature, type Entity } from '../../src/auth/fedtls.js'
import type { CheckContext, PlanView } from '../../src/core/context.js'
import type { Bilingual } from '../../src/core/result.js'
import { CheckError } from '../../src/core/failure.js'
import type { FederationChange } from '../../src/auth/fedtls-control.js'
import { buildUrl } from '../../src/core/context.js'
import type { TlsProbeResult } from '../../src/http/tls-probe.js'
import type { Operation } from '../../src/spec/operations.js'
import { requiredQuery } from '../api/_shared.js'
import { needsMtls } from './_tls.js'
import { fetchParsed } from './_metadata.js'

export const needsFederation = (plan: PlanView): true | Bilingual => {
  const tls = needsMtls(plan)
  if (tls !== true) return tls
  return plan.metadata
    ? true
    : {
        en: 'no federation metadata: give --fedtls-metadata FILE|URL and --fedtls-jwks FILE (the federation the target consumes)',
        sv: 'ingen federationsmetadata: ange --fedtls-metadata FIL|URL och --fedtls-jwks FIL (federationen som målet använder)',
      }
}

export const needsUnpinned = (plan: PlanView): true | Bilingual => {
  const fed = needsFederation(plan)
  if (fed !== true) return fed
  return plan.fedtls?.unpinned
    ? true
    : {
        en: 'no unpinned certificate: give --unpinned-cert and --unpinned-key, a client certificate from an issuer the metadata lists whose pin it does not publish',
        sv: 'inget opinnat certifikat: ange --unpinned-cert och --unpinned-key, ett klientcertifikat från en utfärdare som metadatan listar men vars pinne den inte publicerar',
      }
}

/** The federation's metadata, fetched (recorded) and verified: its entities and the exchange. */
export async function federationEntities(ctx: CheckContext): Promise<{ entities: Entity[]; exchangeId: string }> {
  const { res, jws, payload } = await fetchParsed(ctx)
  const bad = await verifyMetadataSignature(jws, ctx.plan.metadata!.jwks)
  if (bad) throw new CheckError({ en: `the federation metadata does not verify against --fedtls-jwks, so its pins cannot be used: ${bad}`, sv: `federationsmetadatan kan inte verifieras mot --fedtls-jwks, så dess pinnar kan inte användas: ${bad}` })
  return { entities: (Array.isArray(payload.entities) ? payload.entities : []) as Entity[], exchangeId: res.exchangeId }
}

const NO_CONTROL: Bilingual = {
  sv: 'konform driver inte federationen som detta mål använder och kan därför inte publicera en ändring och se att den tas i bruk: den inbyggda servern (konform run --profile fedtls) tillämpar ändringar direkt; mot ett --target krävs konform som utgivare och en väntan på cache_ttl, vilket inte erbjuds ännu',
  en: 'konform does not operate the federation this target consumes, so it cannot publish a change and see it taken: the built-in server (konform run --profile fedtls) is told to load changes at once; against a --target this needs konform as the publisher and a wait of cache_ttl, not offered yet',
}

export const needsControl = (plan: PlanView): true | Bilingual => {
  const fed = needsFederation(plan)
  if (fed !== true) return fed
  return plan.fedtls?.control ? true : NO_CONTROL
}

export const needsControlAndUnpinned = (plan: PlanView): true | Bilingual => {
  const c = needsControl(plan)
  return c !== true ? c : needsUnpinned(plan)
}

/** One request for the operation on a connection of its own (a pin is judged at the handshake), with the run's token. */
export async function requestAs(ctx: CheckContext, op: Operation, who: { cert?: string; key?: string }): Promise<TlsProbeResult> {
  const token = await ctx.accessToken()
  const url = buildUrl(ctx.plan.target, op.path, { ...requiredQuery(op), limit: 1 })
  return ctx.probeTls({ url, ca: ctx.tls?.ca, headers: token ? { authorization: `Bearer ${token}` } : {}, cert: who.cert, key: who.key })
}

export const served = (r: TlsProbeResult) => r.status !== undefined && r.status >= 200 && r.status < 300
export const outcome = (r: TlsProbeResult) => r.error ?? `HTTP ${r.status}`

/** Makes the change, runs the judgement, and puts the federation back whatever happened; one change at a time. */
export async function withChange(ctx: CheckContext, change: FederationChange, judge: () => Promise<void>): Promise<void> {
  const control = ctx.plan.fedtls!.control!
  await control.exclusive(async () => {
    ctx.note(await control.apply(change))
    try {
      await judge()
    } finally {
      ctx.note(await control.apply('restore'))
    }
  })
}
