// Authorization server metadata (RFC 8414) for the run's token endpoint: the issuer is taken to be the token URL's
// origin (the common deployment, and RFC 8414 3's well-known URL for an issuer without a path component).

import type { CheckContext } from '../../src/core/context.js'
import type { HttpResponse } from '../../src/http/client.js'

export const AS_WELL_KNOWN = '/.well-known/oauth-authorization-server'

export interface AsMetadata {
  /** The issuer identifier the well-known URL was built from. */
  issuer: string
  url: string
  res: HttpResponse
  /** The parsed document; undefined when it is not a JSON object. */
  doc?: Record<string, unknown>
}

/** Fetches the metadata; undefined when the server offers none (404/410/405: RFC 8414 metadata is optional). */
export async function fetchAsMetadata(ctx: CheckContext, tokenUrl: string): Promise<AsMetadata | undefined> {
  const issuer = new URL(tokenUrl).origin
  const url = issuer + AS_WELL_KNOWN
  const res = await ctx.send({ method: 'GET', url, headers: { accept: 'application/json' }, auth: 'none' })
  if (res.status === 404 || res.status === 410 || res.status === 405) return undefined
  const doc = res.json !== null && typeof res.json === 'object' && !Array.isArray(res.json) ? (res.json as Record<string, unknown>) : undefined
  return { issuer, url, res, doc }
}

/** https, or http to a loopback host (a local test bench; RFC 8252 7.3 makes the same exception). */
export function secureUrl(s: unknown): boolean {
  if (typeof s !== 'string') return false
  let u: URL
  try {
    u = new URL(s)
  } catch {
    return false
  }
  return u.protocol === 'https:' || (u.protocol === 'http:' && ['127.0.0.1', '[::1]', 'localhost'].includes(u.hostname))
}
