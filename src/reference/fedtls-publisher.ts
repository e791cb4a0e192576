// The reference server as a FedTLS/MATF federation operator: a test federation's metadata, signed ES256 as a
// General JWS JSON document (GET /fedtls/metadata.jws), and the federation's JWKS (GET /fedtls/jwks.json).
// The fedtls.* faults each break one rule of the document.

import { generateKeyPairSync } from 'node:crypto'
import type { JWK } from 'jose'
import { signMetadata, spkiPin, type Metadata, type Pin } from '../auth/fedtls.js'
import { clientKeyFrom, generateClientKey, type ClientKey } from '../http/client-auth.js'
import type { FaultId } from './faults.js'
import { TEST_ISSUER_CA, WEAK_ISSUER_CA } from './fedtls-issuers.js'

export const METADATA_PATH = '/fedtls/metadata.jws'
export const FEDERATION_JWKS_PATH = '/fedtls/jwks.json'
export const FEDERATION_ISS = 'https://federation.konform.invalid'

const pin = () => ({ alg: 'sha256', digest: spkiPin(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey) })

/** A small test federation: one huvudman's server (egilv1) and one service provider's client. */
export function testFederation(): Metadata {
  return {
    version: '1.0.0',
    cache_ttl: 3600,
    entities: [
      {
        entity_id: 'https://huvudman.konform.invalid',
        organization: 'Konform testkommun',
        organization_id: 'SE2120000001',
        issuers: [{ x509certificate: TEST_ISSUER_CA }],
        servers: [{ description: 'SS 12000 API', base_uri: 'https://api.huvudman.konform.invalid/v2.0', tags: ['egilv1'], pins: [pin()] }],
      },
      {
        entity_id: 'https://leverantor.konform.invalid',
        organization: 'Konform testleverantör AB',
        organization_id: 'SE5560000001',
        issuers: [{ x509certificate: TEST_ISSUER_CA }],
        clients: [{ description: 'Provisioning client', tags: ['egilv1'], pins: [pin()] }],
      },
    ],
  }
}

export class MetadataPublisher {
  private constructor(
    readonly document: string,
    private readonly key: ClientKey,
  ) {}

  static async create(faults: readonly FaultId[], now = Date.now()): Promise<MetadataPublisher> {
    const on = (f: FaultId) => faults.includes(f)
    const k = await generateClientKey()
    const key = await clientKeyFrom(k.key, 'konform-federation-1')
    const md = testFederation()
    if (on('fedtls.md-duplicate-entity')) md.entities.push({ ...md.entities[0], servers: [{ ...md.entities[0].servers![0], pins: [pin()] }] })
    if (on('fedtls.md-moa-no-organization-id')) delete md.entities[1].organization_id
    if (on('fedtls.md-schema-invalid')) (md as unknown as Record<string, unknown>).cache_ttl = '3600'
    // --- fedtls: issuer certificates, cache TTL, legacy pins (wip-fedtls) ---
    if (on('fedtls.md-weak-issuer')) md.entities[1].issuers = [{ x509certificate: WEAK_ISSUER_CA }]
    if (on('fedtls.md-ttl-beyond-expiry')) md.cache_ttl = 30 * 86400 // the document expires after 7 days
    if (on('fedtls.md-legacy-pins')) {
      const c = md.entities[1].clients![0]
      c.pins = c.pins.map((p) => ({ name: 'sha256', value: p.digest }) as unknown as Pin)
    }
    // --- end fedtls ---
    const t = Math.floor(now / 1000)
    const times = on('fedtls.md-expired') ? { iat: t - 2 * 86400, exp: t - 86400 } : { iat: t - 60, exp: t + 7 * 86400 }
    let text = await signMetadata(md, key, { iss: FEDERATION_ISS, ...times })
    const jws = JSON.parse(text) as { payload: string; signatures: { protected: string; signature: string }[] }
    if (on('fedtls.md-no-kid')) {
      // Signed again without kid: the signature stays valid, only the header lacks it.
      const { GeneralSign } = await import('jose')
      const payload = Buffer.from(jws.payload, 'base64url')
      text = JSON.stringify(await new GeneralSign(payload).addSignature(key.key).setProtectedHeader({ alg: key.alg, iss: FEDERATION_ISS, ...times }).sign())
    }
    if (on('fedtls.md-tampered-payload')) {
      const p = JSON.parse(Buffer.from(jws.payload, 'base64url').toString('utf8')) as Metadata
      p.entities[1].clients![0].pins = [pin()] // a pin the federation never signed
      jws.payload = Buffer.from(JSON.stringify(p)).toString('base64url')
      text = JSON.stringify(jws, null, 2)
    }
    if (on('fedtls.md-compact-jws')) text = `${jws.signatures[0].protected}.${jws.payload}.${jws.signatures[0].signature}`
    return new MetadataPublisher(text, key)
  }

  jwks(): { keys: JWK[] } {
    return { keys: [this.key.publicJwk] }
  }
}
