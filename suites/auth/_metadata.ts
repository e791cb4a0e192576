// Helpers of the AUTH-FEDTLS-MD checks: fetch the federation's metadata document (recorded) and take it apart.

import { decodeJson, parseGeneralJws, type ParsedJws } from '../../src/auth/fedtls.js'
import { CheckError } from '../../src/core/failure.js'
import type { CheckContext, PlanView } from '../../src/core/context.js'
import type { HttpResponse } from '../../src/http/client.js'

export const needsMetadata = (plan: PlanView): true | { en: string; sv: string } =>
  plan.metadata
    ? true
    : {
        en: 'no federation metadata to check (konform auth verify-metadata FILE|URL --jwks FILE)',
        sv: 'inga federationsmetadata att kontrollera (konform auth verify-metadata FILE|URL --jwks FILE)',
      }

export interface Fetched {
  res: HttpResponse
  jws?: ParsedJws
  problems: { en: string; sv: string }[]
  header: Record<string, unknown>
  payload: Record<string, unknown>
}

export async function fetchMetadata(ctx: CheckContext): Promise<Fetched> {
  const res = await ctx.send({ method: 'GET', url: ctx.plan.metadata!.url, headers: { accept: 'application/jose+json, application/json' }, auth: 'none' })
  if (res.status !== 200) throw new CheckError({ en: `the metadata could not be fetched: HTTP ${res.status}`, sv: `metadatan kunde inte hämtas: HTTP ${res.status}` })
  const { jws, problems } = parseGeneralJws(res.text)
  const header = jws ? (decodeJson(jws.signatures[0].protected) ?? {}) : {}
  const payload = jws ? (decodeJson(jws.payload) ?? {}) : {}
  return { res, jws, problems, header, payload }
}

/** For the checks after AUTH-FEDTLS-MD-001: a document that is not General JWS JSON is that check's finding. */
export async function fetchParsed(ctx: CheckContext): Promise<Fetched & { jws: ParsedJws }> {
  const f = await fetchMetadata(ctx)
  if (!f.jws) throw new CheckError({ en: 'the metadata is not a General JWS JSON document (AUTH-FEDTLS-MD-001)', sv: 'metadatan är inget dokument i General JWS JSON (AUTH-FEDTLS-MD-001)' })
  return f as Fetched & { jws: ParsedJws }
}
