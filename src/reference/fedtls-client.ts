// konform's reference FedTLS/MATF client (RFC 9932, draft-halen-fed-tls-auth §"Authentication"): the system under
// test of profile fedtls-client on the built-in path. One cycle (runOnce, no timers): fetch the federation's
// metadata, verify its signature against the federation's JWKS and its exp; take it if it holds, else keep the
// metadata taken before. Then connect to the server entity's base_uri with the client's certificate, trusting the
// published pins directly (no CA), compare the server certificate's SPKI pin with them and abort before sending
// anything when it is not published; else send one request with its bearer token.
// The fedtls-client.* faults each break one of those rules.

import tls from 'node:tls'
import type { JWK } from 'jose'
import { decodeJson, parseGeneralJws, spkiPin, timesOf, verifyMetadataSignature, type Entity } from '../auth/fedtls.js'
import type { FaultId } from './faults.js'

export interface ReferenceClientOptions {
  metadataUrl: string
  jwks: readonly JWK[]
  /** The server entity the client talks to. */
  serverEntity: string
  /** The client's registered certificate and key. */
  cert: string
  key: string
  /** A certificate of the same CA whose pin is not registered (what fault fedtls-client.presents-unpinned-cert presents). */
  other: { cert: string; key: string }
  faults?: readonly FaultId[]
}

/** What one cycle did, for tests and notes. */
export interface CycleOutcome {
  metadata: 'taken' | 'kept' | 'none'
  problem?: string
  connected?: string
  aborted?: string
  status?: number
}

const MAX_BYTES = 16 * 1024 * 1024

export class ReferenceFedtlsClient {
  private trusted?: { entities: Entity[]; exp: number }
  /** The bearer token the client sends: a fixed test value, a secret all the same. */
  readonly token = `konform-reference-client-${Math.random().toString(36).slice(2)}`

  constructor(private readonly o: ReferenceClientOptions) {}

  private on(f: FaultId): boolean {
    return this.o.faults?.includes(f) ?? false
  }

  /** Fetches and verifies the metadata; the problem when it is not taken (the earlier one is kept). */
  async refresh(): Promise<string | undefined> {
    const res = await fetch(this.o.metadataUrl, { signal: AbortSignal.timeout(10_000) }).catch((err: unknown) => err as Error)
    if (res instanceof Error) return `metadata not fetched: ${res.message}`
    const text = await res.text()
    if (!res.ok || text.length > MAX_BYTES) return `metadata not fetched: HTTP ${res.status}`
    const { jws, problems } = parseGeneralJws(text)
    if (!jws) return problems.map((p) => p.en).join('; ')
    if (!this.on('fedtls-client.skips-metadata-signature')) {
      const bad = await verifyMetadataSignature(jws, this.o.jwks)
      if (bad) return `the signature does not verify: ${bad}`
    }
    const payload = decodeJson(jws.payload) ?? {}
    const { exp } = timesOf(decodeJson(jws.signatures[0].protected) ?? {}, payload)
    if (exp === undefined) return 'the metadata has no exp'
    if (exp * 1000 <= Date.now() && !this.on('fedtls-client.trusts-expired-metadata')) return 'the metadata has expired'
    this.trusted = { entities: (Array.isArray(payload.entities) ? payload.entities : []) as Entity[], exp }
    return undefined
  }

  /** One cycle: refresh the metadata, then one request to the server entity (or nothing when no metadata holds). */
  async runOnce(path = '/organisations?limit=1'): Promise<CycleOutcome> {
    const problem = await this.refresh()
    const out: CycleOutcome = { metadata: problem ? (this.trusted ? 'kept' : 'none') : 'taken', problem }
    // "Once expired, metadata MUST no longer be trusted": the kept document too.
    if (!this.trusted || (this.trusted.exp * 1000 <= Date.now() && !this.on('fedtls-client.trusts-expired-metadata'))) return { ...out, metadata: 'none' }
    const server = this.trusted.entities.find((e) => e.entity_id === this.o.serverEntity)?.servers?.[0]
    if (!server?.base_uri) return { ...out, aborted: `no server published for ${this.o.serverEntity}` }
    const pins = server.pins.filter((p) => p.alg === 'sha256').map((p) => p.digest)
    const url = new URL(server.base_uri.replace(/\/+$/, '') + path)
    const me = this.on('fedtls-client.presents-unpinned-cert') ? this.o.other : { cert: this.o.cert, key: this.o.key }
    out.connected = url.origin
    return new Promise<CycleOutcome>((resolve) => {
      let body = ''
      const done = (extra: Partial<CycleOutcome>) => {
        clearTimeout(timer)
        socket.destroy()
        resolve({ ...out, ...extra })
      }
      // Pins are trusted directly: the chain is not checked against a CA, the pin is the judge.
      const socket = tls.connect({ host: url.hostname, port: Number(url.port || 443), servername: undefined, cert: me.cert, key: me.key, rejectUnauthorized: false, minVersion: 'TLSv1.2' })
      const timer = setTimeout(() => done({ aborted: 'no answer within 10 s' }), 10_000)
      socket.once('error', (err) => done({ aborted: err.message }))
      socket.once('secureConnect', () => {
        const peer = socket.getPeerX509Certificate()
        const pin = peer ? spkiPin(peer.toString()) : undefined
        if (!this.on('fedtls-client.ignores-server-pin') && (!pin || !pins.includes(pin))) {
          // "A received certificate that fails validation MUST result in the immediate termination of the connection."
          return done({ aborted: `the server certificate's pin ${pin ?? '(none)'} is not published` })
        }
        socket.write(`GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${this.token}\r\nAccept: application/json\r\nConnection: close\r\n\r\n`)
        socket.setEncoding('utf8')
        socket.on('data', (d: string) => (body += d))
        socket.once('end', () => done({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(body)?.[1] ?? 0) }))
      })
    })
  }
}
