import { readFile, writeFile } from 'node:fs/promises'
import { Command, Flags } from '@oclif/core'
import { calculateJwkThumbprint } from 'jose'
import { signMetadata, spkiPin, type Entity, type Metadata } from '../../auth/fedtls.js'
import { KonformError, oneLine } from '../../errors.js'
import { ensureKey, loadClientKey } from '../../http/client-auth.js'
import { testFederation } from '../../reference/fedtls-publisher.js'

export default class AuthFedtlsMetadata extends Command {
  static override summary = "Make and sign a test federation's FedTLS/MATF metadata (konform as federation operator)."

  static override description = `Writes a General JWS JSON metadata document (RFC 9932 / draft-halen-fed-tls-auth, Moa) signed with --key
(ES256; made, mode 0600, when missing), and the federation's public JWKS, for a TEST federation: point a vendor's
client or server at it. With --client-cert/--server-cert the entity pins those certificates (SPKI SHA-256);
without them it holds konform's sample entities. iat, exp and iss go into both the payload and the protected header.`

  static override examples = [
    '<%= config.bin %> <%= command.id %> --key fed.pem --out md.jws --jwks-out fed.jwks',
    '<%= config.bin %> <%= command.id %> --key fed.pem --out md.jws --jwks-out fed.jwks --entity-id https://vendor.example --client-cert client.crt --org "Vendor AB" --org-id SE5560000001 --tag egilv1',
  ]

  static override flags = {
    key: Flags.string({ description: "The federation's signing key (PEM or JWK); made if missing.", required: true, helpValue: 'FILE' }),
    out: Flags.string({ description: 'Where to write the signed metadata.', required: true, helpValue: 'FILE' }),
    'jwks-out': Flags.string({ description: "Where to write the federation's public JWKS.", required: true, helpValue: 'FILE' }),
    iss: Flags.string({ description: 'The federation identifier (iss).', default: 'https://federation.konform.invalid' }),
    'valid-days': Flags.integer({ description: 'Days until the metadata expires (exp).', default: 7, min: 1, max: 365 }),
    'cache-ttl': Flags.integer({ description: 'cache_ttl in seconds.', default: 3600, min: 0 }),
    'entity-id': Flags.string({ description: 'entity_id of the one entity to publish (with --client-cert and/or --server-cert).' }),
    'client-cert': Flags.string({ description: "The entity's client certificate (PEM): its SPKI pin is published.", helpValue: 'FILE' }),
    'server-cert': Flags.string({ description: "The entity's server certificate (PEM); with --base-uri.", helpValue: 'FILE' }),
    'issuer-cert': Flags.string({ description: "The CA that issues the entity's certificates (PEM).", helpValue: 'FILE' }),
    'base-uri': Flags.string({ description: "The entity's server base URI (https)." }),
    org: Flags.string({ description: 'organization (legal name).' }),
    'org-id': Flags.string({ description: 'organization_id (Moa: SE + 10 digits).' }),
    tag: Flags.string({ description: 'Endpoint tag (repeatable; Moa: egilv1, bolv1, userlistv1, gnapv1).', multiple: true }),
  }

  async run() {
    const { flags } = await this.parse(AuthFedtlsMetadata)
    const made = await ensureKey(flags.key)
    const key = await loadClientKey(flags.key)
    const md: Metadata = flags['entity-id'] ? { version: '1.0.0', cache_ttl: flags['cache-ttl'], entities: [await entity(flags)] } : { ...testFederation(), cache_ttl: flags['cache-ttl'] }
    const now = Math.floor(Date.now() / 1000)
    const jws = await signMetadata(md, key, { iss: flags.iss, iat: now, exp: now + flags['valid-days'] * 86400 })
    const jwks = { keys: [key.publicJwk] }
    await write(flags.out, jws)
    await write(flags['jwks-out'], JSON.stringify(jwks, null, 2))
    if (made) this.log(`Made a new ES256 signing key: ${flags.key}`)
    this.log(`Metadata:                  ${flags.out} (${md.entities.length} entities, expires ${new Date((now + flags['valid-days'] * 86400) * 1000).toISOString()})`)
    this.log(`Federation JWKS:           ${flags['jwks-out']}`)
    this.log(`JWKS thumbprint (RFC 7638): ${await calculateJwkThumbprint(key.publicJwk)} (kid ${key.kid})`)
    this.log(`Check it: konform auth verify-metadata ${flags.out} --jwks ${flags['jwks-out']}`)
  }
}

async function entity(f: { 'entity-id'?: string; 'client-cert'?: string; 'server-cert'?: string; 'issuer-cert'?: string; 'base-uri'?: string; org?: string; 'org-id'?: string; tag?: string[] }): Promise<Entity> {
  if (!f['client-cert'] && !f['server-cert']) throw new KonformError('--entity-id needs --client-cert and/or --server-cert (their pins are what the metadata publishes)')
  if (f['server-cert'] && !f['base-uri']) throw new KonformError('--server-cert needs --base-uri')
  const pinOf = async (file: string) => {
    const pem = await readFile(file, 'utf8').catch((err: unknown) => {
      throw new KonformError(`cannot read ${file}: ${oneLine(err)}`)
    })
    try {
      return { alg: 'sha256', digest: spkiPin(pem) }
    } catch {
      throw new KonformError(`${file} is not a PEM certificate`)
    }
  }
  const tags = f.tag?.length ? { tags: f.tag } : {}
  return {
    entity_id: f['entity-id']!,
    ...(f.org ? { organization: f.org } : {}),
    ...(f['org-id'] ? { organization_id: f['org-id'] } : {}),
    issuers: f['issuer-cert'] ? [{ x509certificate: await readFile(f['issuer-cert'], 'utf8') }] : [],
    ...(f['server-cert'] ? { servers: [{ base_uri: f['base-uri'], ...tags, pins: [await pinOf(f['server-cert'])] }] } : {}),
    ...(f['client-cert'] ? { clients: [{ ...tags, pins: [await pinOf(f['client-cert'])] }] } : {}),
  }
}

async function write(file: string, text: string): Promise<void> {
  await writeFile(file, text).catch((err: unknown) => {
    throw new KonformError(`cannot write ${file}: ${oneLine(err)}`)
  })
}
