// konform as the operator of a test federation that a server under test consumes (FedTLS/MATF, RFC 9932):
// signs metadata with its own ES256 key and publishes it on loopback (GET /md.jws, GET /jwks.json), and publishes
// again on demand. The federation for a built-in run (benchFederation): the server under test's entity, with the
// SPKI pin of its certificate, and konform's client entity, with the pin of konform's client certificate; both
// list the test CA as their issuer. Never a production federation.

import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { JWK } from 'jose'
import { clientKeyFrom, generateClientKey, type ClientKey } from '../http/client-auth.js'
import { signMetadata, spkiPin, type Metadata } from './fedtls.js'

export const BENCH_ISS = 'https://federation.konform.invalid/bench'
export const KONFORM_CLIENT_ENTITY = 'https://konform.invalid/client'
export const SERVER_ENTITY = 'https://server-under-test.konform.invalid'

/** A test federation: the server under test (its certificate pinned at baseUri) and konform's client. */
export function benchFederation(o: { ca: string; serverCert: string; clientCert: string; baseUri: string; cacheTtl?: number }): Metadata {
  const pin = (cert: string) => ({ alg: 'sha256', digest: spkiPin(cert) })
  return {
    version: '1.0.0',
    cache_ttl: o.cacheTtl ?? 3600,
    entities: [
      {
        entity_id: SERVER_ENTITY,
        organization: 'Konform testkommun',
        organization_id: 'SE2120000001',
        issuers: [{ x509certificate: o.ca }],
        servers: [{ description: 'SS 12000 API under test', base_uri: o.baseUri, tags: ['egilv1'], pins: [pin(o.serverCert)] }],
      },
      {
        entity_id: KONFORM_CLIENT_ENTITY,
        organization: 'Konform',
        organization_id: 'SE5560000001',
        issuers: [{ x509certificate: o.ca }],
        clients: [{ description: 'konform conformance client', tags: ['egilv1'], pins: [pin(o.clientCert)] }],
      },
    ],
  }
}

export class FederationOperator {
  private document = ''
  /** exp of the last document signed (seconds since the epoch). */
  lastExp = 0
  private constructor(
    private readonly server: http.Server,
    /** The federation's signing key (in memory only; AUTH-FEDTLS-CLI-003 signs an expired document with it). */
    readonly key: ClientKey,
    readonly url: string,
  ) {}

  /** The iss of the documents this operator signs. */
  readonly iss = BENCH_ISS

  /** onFetch: told of every GET of the metadata (the FedTLS client checks count a client's fetches). */
  static async start(o: { onFetch?: () => void } = {}): Promise<FederationOperator> {
    const key = await clientKeyFrom((await generateClientKey()).key, 'konform-bench-federation-1')
    let op: FederationOperator | undefined
    const server = http.createServer((req, res) => {
      const md = req.url === '/md.jws' && op?.document
      if (req.url === '/md.jws') o.onFetch?.()
      const body = md ? op!.document : req.url === '/jwks.json' ? JSON.stringify({ keys: [key.publicJwk] }) : undefined
      res.writeHead(body ? 200 : 404, { 'content-type': md ? 'application/jose+json' : 'application/json', 'cache-control': 'max-age=3600' })
      res.end(body)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
    op = new FederationOperator(server, key, `http://127.0.0.1:${(server.address() as AddressInfo).port}/md.jws`)
    return op
  }

  get jwks(): JWK[] {
    return [this.key.publicJwk]
  }

  /** Signs and publishes the metadata (valid 7 days from now unless told). */
  async publish(md: Metadata, o: { now?: number; validSeconds?: number } = {}): Promise<void> {
    const t = Math.floor((o.now ?? Date.now()) / 1000)
    this.lastExp = t + (o.validSeconds ?? 7 * 86400)
    this.document = await signMetadata(md, this.key, { iss: BENCH_ISS, iat: t - 60, exp: this.lastExp })
  }

  /** The document now published (General JWS JSON text). */
  get published(): string {
    return this.document
  }

  /** Publishes a document as it is (a tampered one; '' stops publishing: 404). */
  publishRaw(text: string): void {
    this.document = text
  }

  close(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.server.close(() => resolve())
      this.server.closeAllConnections()
    })
  }
}
