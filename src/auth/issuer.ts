// konform as a token issuer a target trusts (in a test environment): an ES256 key whose JWKS the target loads,
// and tokens minted with exactly one thing wrong, for the AUTH-RS checks that the target refuses each of them.
// Token shapes: an RFC 9068 access token, or for the skolverket-dnp profile the JWT that Skolverket's SS 12000
// client presents (auth-flows §3.2: no typ, organization_id, requested_access, aud "nutid").

import { createHmac, createPublicKey, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto'
import { SignJWT, type JWK } from 'jose'
import { clientKeyFrom, type ClientKey } from '../http/client-auth.js'

/** Skolverket's organisation id, which a DNP token names (auth-flows §3.2). */
export const SKOLVERKET_ORG_ID = 'SE2021004185'
export const DNP_ACCESS_TYPE = 'ss12000-api'

export const TOKEN_VARIANTS = [
  'valid',
  'expired',
  'nbf-future',
  'wrong-iss',
  'wrong-aud',
  'unknown-key',
  'alg-none',
  'hs256-public-key',
  'dnp-wrong-organization',
  'dnp-wrong-access-type',
  'dnp-wrong-location',
] as const
export type TokenVariant = (typeof TOKEN_VARIANTS)[number]

/** What the target was told to trust: the issuer (iss), the audience it expects, DNP claims or not. */
export interface IssuerTrust {
  issuer: string
  audience: string
  /** DNP-shaped tokens: requested_access names this location (the target's API base URL). */
  dnpLocation?: string
  /** The API base URL of another huvudman on the same system (AUTH-RS-010). */
  otherLocation?: string
}

/** One GNAP access right (RFC 9635 8): the DNP types and the API base URLs they cover. */
export interface GnapAccess {
  type: string
  locations: string[]
}

export class TestIssuer {
  private constructor(readonly key: ClientKey) {}

  static async create(key?: KeyObject): Promise<TestIssuer> {
    return new TestIssuer(await clientKeyFrom(key ?? generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey))
  }

  static fromKey(key: ClientKey): TestIssuer {
    return new TestIssuer(key)
  }

  /** The JWKS a target configures (public key only). */
  jwks(): { keys: JWK[] } {
    return { keys: [this.key.publicJwk] }
  }

  /**
   * A token for the trust given, with exactly the named thing wrong ('valid': nothing). `access` replaces the DNP
   * requested_access (the GNAP endpoint grants what was asked for).
   */
  async mint(trust: IssuerTrust, variant: TokenVariant, now = Date.now(), access?: GnapAccess[], lifetimeS = 600): Promise<string> {
    const t = Math.floor(now / 1000)
    const dnp = trust.dnpLocation !== undefined
    const claims: Record<string, unknown> = dnp
      ? {
          auth_source: 'tlsfed',
          entity_id: 'https://konform.invalid/test-client',
          organization_id: variant === 'dnp-wrong-organization' ? 'SE5560000000' : SKOLVERKET_ORG_ID,
          requested_access: access ?? [
            {
              type: variant === 'dnp-wrong-access-type' ? 'ss12000-client' : DNP_ACCESS_TYPE,
              locations: [variant === 'dnp-wrong-location' ? 'https://another-huvudman.invalid/v2.0' : trust.dnpLocation],
            },
          ],
          source: 'https://konform.invalid',
          version: 1,
        }
      : { client_id: 'konform-test-issuer' }
    const header = { alg: this.key.alg as string, kid: this.key.kid, ...(dnp ? {} : { typ: 'at+jwt' }) }
    const payload = {
      ...claims,
      iss: variant === 'wrong-iss' ? `${trust.issuer.replace(/\/+$/, '')}/not-the-issuer` : trust.issuer,
      aud: variant === 'wrong-aud' ? 'urn:konform:not-your-api' : trust.audience,
      sub: 'konform-test-issuer',
      iat: variant === 'expired' ? t - 7200 : t,
      nbf: variant === 'nbf-future' ? t + 3600 : variant === 'expired' ? t - 7200 : t - 5,
      exp: variant === 'expired' ? t - 3600 : t + lifetimeS,
      jti: randomUUID(),
    }
    if (variant === 'alg-none') return `${b64(JSON.stringify({ ...header, alg: 'none' }))}.${b64(JSON.stringify(payload))}.`
    if (variant === 'hs256-public-key') {
      // The classic confusion (RFC 8725 2.1): HMAC keyed with the public key's PEM, as a naive verifier would use it.
      const input = `${b64(JSON.stringify({ ...header, alg: 'HS256' }))}.${b64(JSON.stringify(payload))}`
      return `${input}.${createHmac('sha256', publicPem(this.key.key)).update(input).digest('base64url')}`
    }
    const key = variant === 'unknown-key' ? generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey : this.key.key
    const kid = variant === 'unknown-key' ? `konform-unknown-${randomUUID()}` : this.key.kid
    return new SignJWT(payload).setProtectedHeader({ ...header, alg: variant === 'unknown-key' ? 'ES256' : this.key.alg, kid }).sign(key)
  }
}

/** The SPKI PEM of a key's public half (what the HS256 confusion keys its HMAC with). */
export function publicPem(key: KeyObject): string {
  return createPublicKey(key).export({ type: 'spki', format: 'pem' }) as string
}

const b64 = (s: string) => Buffer.from(s).toString('base64url')
