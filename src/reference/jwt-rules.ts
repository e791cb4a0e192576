// The reference server's resource-server rules for a JWT bearer token (RFC 7519, RFC 8725, RFC 9068; the DNP
// claims of auth-flows §3.2): signature by a known key (JWKS by kid), an asymmetric alg (never none, never HS*
// keyed with a public key), exp, nbf, iss, aud, and for a DNP issuer organization_id and requested_access. Each
// rule has a lax switch: a named fault (faults.ts) that breaks exactly that rule.

import { createHmac, createPublicKey, timingSafeEqual, type KeyObject } from 'node:crypto'
import { compactVerify, type JWK } from 'jose'
import { DNP_ACCESS_TYPE, publicPem, SKOLVERKET_ORG_ID } from '../auth/issuer.js'
import type { FaultId } from './faults.js'

/** An issuer the server trusts besides itself (konform's test issuer, configured as a vendor would). */
export interface TrustedIssuer {
  issuer: string
  /** The aud its tokens must name (default: the server's API base URL). */
  audience?: string
  jwks: readonly JWK[]
  /** Its tokens are DNP-shaped: organization_id and requested_access must name Skolverket and this API. */
  dnp?: boolean
}

export interface JwtLax {
  expired?: boolean
  nbfFuture?: boolean
  wrongIssuer?: boolean
  wrongAudience?: boolean
  unknownKey?: boolean
  algNone?: boolean
  hs256PublicKey?: boolean
  dnpOrganization?: boolean
  dnpRequestedAccess?: boolean
  ignoreTrustedIssuers?: boolean
  /** A DNP token for another huvudman of this system is refused 401, not 403 (auth3). */
  otherTenant401?: boolean
}

/** Another huvudman on the same system (a tenant the reference server knows but does not serve), under the origin. */
export const OTHER_TENANT_PATH = '/huvudman-a/v2.0'

/** The faults that each switch one rule off. */
export function jwtLaxFrom(faults: readonly FaultId[]): JwtLax {
  const on = (f: FaultId) => faults.includes(f)
  return {
    expired: on('auth.rs-accepts-expired-token'),
    nbfFuture: on('auth.rs-accepts-future-nbf'),
    wrongIssuer: on('auth.rs-accepts-wrong-issuer'),
    wrongAudience: on('auth.rs-accepts-wrong-audience'),
    unknownKey: on('auth.rs-accepts-unknown-key'),
    algNone: on('auth.rs-accepts-alg-none'),
    hs256PublicKey: on('auth.rs-accepts-hs256-public-key'),
    dnpOrganization: on('auth.rs-ignores-dnp-organization'),
    dnpRequestedAccess: on('auth.rs-ignores-dnp-requested-access'),
    ignoreTrustedIssuers: on('auth.rs-ignores-trusted-issuers'),
    otherTenant401: on('auth.rs-other-huvudman-401'),
  }
}

interface Trust {
  issuer: string
  audience: string
  keys: Map<string, { key: KeyObject; alg: string }>
  own: boolean
  dnpLocation?: string
}

const SKEW_S = 5
const ASYMMETRIC = new Set(['ES256', 'ES384', 'ES512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'EdDSA'])

export type JwtVerdict = { ok: true; subject: string } | { ok: false; reason: string; forbidden?: boolean }

export class JwtRules {
  private readonly trusts: Trust[] = []
  /** API base URLs of the other huvudmän of this system: a DNP token for one of them is valid but grants nothing here (403). */
  private otherTenants: string[] = []

  constructor(private readonly lax: JwtLax = {}) {}

  /** The server's own issuer (typ at+jwt, sub and iat required), then each trusted one. */
  configure(own: { issuer: string; audience: string; kid: string; key: KeyObject; alg: string }, trusted: readonly TrustedIssuer[]): void {
    this.trusts.length = 0
    this.otherTenants = [new URL(own.audience).origin + OTHER_TENANT_PATH]
    this.trusts.push({ issuer: own.issuer, audience: own.audience, keys: new Map([[own.kid, { key: createPublicKey(own.key), alg: own.alg }]]), own: true })
    if (this.lax.ignoreTrustedIssuers) return
    for (const t of trusted) {
      const keys = new Map<string, { key: KeyObject; alg: string }>()
      for (const jwk of t.jwks) {
        if (!jwk.kid) throw new Error(`a key of trusted issuer ${t.issuer} has no kid`)
        keys.set(jwk.kid, { key: createPublicKey({ key: jwk as never, format: 'jwk' }), alg: jwk.alg ?? 'ES256' })
      }
      this.trusts.push({ issuer: t.issuer, audience: t.audience ?? own.audience, keys, own: false, dnpLocation: t.dnp ? own.audience : undefined })
    }
  }

  async verify(token: string, now = Date.now()): Promise<JwtVerdict> {
    const parts = token.split('.')
    if (parts.length !== 3) return no('the token is not a compact JWS (three dot-separated parts)')
    const header = decodePart(parts[0])
    const claims = decodePart(parts[1])
    if (!header || !claims) return no('the token header or payload is not base64url JSON')
    const alg = String(header.alg)
    const kid = typeof header.kid === 'string' ? header.kid : undefined
    const byKid = kid === undefined ? undefined : this.trusts.find((t) => t.keys.has(kid))
    let trust: Trust | undefined
    if (alg === 'none') {
      if (!this.lax.algNone) return no('alg "none" is refused (RFC 8725 3.1)')
      trust = byKid ?? this.byIssuer(claims)
    } else if (!byKid) {
      if (!this.lax.unknownKey) return no(`no trusted key has kid ${JSON.stringify(kid)}`)
      trust = this.byIssuer(claims)
    } else {
      trust = byKid
      const k = byKid.keys.get(kid!)!
      if (/^HS/.test(alg)) {
        // A naive verifier keys the HMAC with the public key it holds: the algorithm confusion of RFC 8725 2.1.
        if (!this.lax.hs256PublicKey || alg !== 'HS256') return no(`alg ${alg} is refused: the key is asymmetric (RFC 8725 3.1)`)
        const mac = createHmac('sha256', publicPem(k.key)).update(`${parts[0]}.${parts[1]}`).digest()
        const sig = Buffer.from(parts[2], 'base64url')
        if (sig.length !== mac.length || !timingSafeEqual(sig, mac)) return no('the HS256 signature does not verify')
      } else {
        if (!ASYMMETRIC.has(alg) || alg !== k.alg) return no(`alg ${alg} is not the key's algorithm ${k.alg}`)
        try {
          await compactVerify(token, k.key, { algorithms: [k.alg] })
        } catch {
          return no('the signature does not verify')
        }
      }
    }
    if (!trust) return no('the token names no trusted issuer')
    return this.claims(trust, header, claims, Math.floor(now / 1000))
  }

  private byIssuer(claims: Record<string, unknown>): Trust | undefined {
    return this.trusts.find((t) => t.issuer === claims.iss) ?? this.trusts[0]
  }

  private claims(t: Trust, header: Record<string, unknown>, c: Record<string, unknown>, now: number): JwtVerdict {
    if (t.own) {
      if (header.typ !== 'at+jwt') return no('typ is not at+jwt (RFC 9068 2.1)')
      for (const name of ['sub', 'iat']) if (c[name] === undefined) return no(`the token has no ${name}`)
    }
    if (typeof c.exp !== 'number') return no('the token has no numeric exp')
    if (now > c.exp + SKEW_S && !this.lax.expired) return no('the token has expired (exp)')
    if (c.nbf !== undefined && (typeof c.nbf !== 'number' || (c.nbf > now + SKEW_S && !this.lax.nbfFuture))) return no('the token is not valid yet (nbf)')
    if (c.iss !== t.issuer && !this.lax.wrongIssuer) return no(`iss ${JSON.stringify(c.iss)} is not the trusted issuer`)
    const aud = Array.isArray(c.aud) ? c.aud : [c.aud]
    if (!aud.includes(t.audience) && !this.lax.wrongAudience) return no(`aud ${JSON.stringify(c.aud)} does not name this API`)
    if (t.dnpLocation !== undefined) {
      if (c.organization_id !== SKOLVERKET_ORG_ID && !this.lax.dnpOrganization) return no(`organization_id is not ${SKOLVERKET_ORG_ID}`)
      const here = t.dnpLocation.replace(/\/+$/, '')
      const grants = Array.isArray(c.requested_access) ? (c.requested_access as Record<string, unknown>[]) : []
      const fits = grants.some((g) => g?.type === DNP_ACCESS_TYPE && Array.isArray(g.locations) && g.locations.some((l) => typeof l === 'string' && l.replace(/\/+$/, '') === here))
      const names = (g: Record<string, unknown>, where: (l: string) => boolean) =>
        g?.type === DNP_ACCESS_TYPE && Array.isArray(g.locations) && g.locations.some((l) => typeof l === 'string' && where(l.replace(/\/+$/, '')))
      if (!fits && !this.lax.dnpRequestedAccess && !this.lax.otherTenant401 && grants.some((g) => names(g, (l) => this.otherTenants.includes(l)))) {
        // A valid token of another huvudman of this system: authenticated, but not for this one's data (RFC 6750 3.1).
        return { ok: false, reason: `the token grants access to another huvudman's API, not to ${here}`, forbidden: true }
      }
      if (!fits && !this.lax.dnpRequestedAccess) return no(`requested_access grants no ${DNP_ACCESS_TYPE} access to ${here}`)
    }
    return { ok: true, subject: String(c.sub ?? c.entity_id ?? '') }
  }
}

function no(reason: string): JwtVerdict {
  return { ok: false, reason }
}

function decodePart(s: string): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as unknown
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}
