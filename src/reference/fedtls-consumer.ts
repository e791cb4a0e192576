// The reference server as a FedTLS/MATF federation member on the server side (draft-halen-fed-tls-auth
// §"Authentication", RFC 9932): it loads the federation's metadata (a file or a URL) and verifies it with the
// federation's JWKS, then its mutual-TLS listener trusts the issuers the metadata lists and serves only clients
// whose certificate's SPKI pin is published for a client entity. refresh() loads the metadata again now (no
// timers: a test or a check tells it when); a document that does not verify leaves the old state in place, and
// expired metadata is no longer trusted at all ("Once expired, metadata MUST no longer be trusted").

import { readFile } from 'node:fs/promises'
import type { JWK } from 'jose'
import { decodeJson, parseGeneralJws, timesOf, verifyMetadataSignature, type Entity } from '../auth/fedtls.js'

export interface FederationSource {
  /** The metadata: an http(s) URL or a file. */
  metadata: string
  /** The federation's signing keys. */
  jwks: readonly JWK[]
}

/** The fedtls.* faults of the consuming side: each breaks one rule of taking metadata. */
export interface ConsumerFaults {
  /** fedtls.keeps-removed-pin: new metadata adds pins but never takes one away. */
  keepsRemovedPins?: boolean
  /** fedtls.takes-unverified-metadata: the signature of new metadata is not checked. */
  skipsSignature?: boolean
  /** fedtls.trusts-expired-metadata: the loaded metadata is trusted after its exp. */
  ignoresExpiry?: boolean
}

interface TrustState {
  /** SPKI pin (base64) -> the client entity it identifies. */
  clientPins: Map<string, string>
  /** Client entity ids. */
  clients: Set<string>
  /** Issuer certificates (PEM) listed for any entity. */
  issuers: string[]
  exp: number
  iat?: number
}

const MAX_BYTES = 16 * 1024 * 1024

export class FederationTrust {
  private state?: TrustState
  private readonly listeners: (() => void)[] = []
  /** What the last load found wrong, if anything (the state before it is kept). */
  lastProblem?: string

  /** Seconds the federation's clock is ahead of the real one (a test lets time pass without waiting). */
  private aheadMs = 0

  private constructor(
    readonly source: FederationSource,
    private readonly faults: ConsumerFaults,
  ) {}

  /** Loads the metadata now; refuses to start on metadata that does not verify. */
  static async load(source: FederationSource, faults: ConsumerFaults = {}): Promise<FederationTrust> {
    const t = new FederationTrust(source, faults)
    const problem = await t.refresh()
    if (problem) throw new Error(`the federation metadata cannot be used: ${problem}`)
    return t
  }

  /** Loads the metadata again now; the problem when it is not taken (the old state then stays). */
  async refresh(now = this.now()): Promise<string | undefined> {
    const problem = await this.read(now).then(
      (s) => {
        if (this.faults.keepsRemovedPins && this.state) for (const [pin, id] of this.state.clientPins) if (!s.clientPins.has(pin)) s.clientPins.set(pin, id)
        this.state = s
        return undefined
      },
      (err: unknown) => (err instanceof Error ? err.message : String(err)),
    )
    this.lastProblem = problem
    if (!problem) for (const l of this.listeners) l()
    return problem
  }

  /** Called after every metadata change that is taken (the listener renews its TLS trust). */
  onChange(listener: () => void): void {
    this.listeners.push(listener)
  }

  /** The federation's time: the real clock, or ahead of it after lettingTimePass. */
  now(): number {
    return Date.now() + this.aheadMs
  }

  /** Lets time pass for the metadata's validity (seconds; 0 puts the clock back): a test's way to reach exp now. */
  lettingTimePass(seconds: number): void {
    this.aheadMs = seconds * 1000
  }

  expired(now = this.now()): boolean {
    if (!this.state) return true
    return !this.faults.ignoresExpiry && now / 1000 > this.state.exp
  }

  /** When the loaded metadata expires (seconds since the epoch). */
  get exp(): number | undefined {
    return this.state?.exp
  }

  /** The issuers to trust for client certificates; empty when the metadata lists none (pins alone). */
  get issuers(): readonly string[] {
    return this.state?.issuers ?? []
  }

  /** The client entity the pin identifies; undefined when it is unknown or the metadata has expired. */
  clientEntity(pin: string, now = this.now()): string | undefined {
    return this.expired(now) ? undefined : this.state!.clientPins.get(pin)
  }

  isClientEntity(id: string, now = this.now()): boolean {
    return !this.expired(now) && this.state!.clients.has(id)
  }

  private async read(now: number): Promise<TrustState> {
    const text = await fetchText(this.source.metadata)
    const { jws, problems } = parseGeneralJws(text)
    if (!jws) throw new Error(problems.join('; '))
    const bad = this.faults.skipsSignature ? undefined : await verifyMetadataSignature(jws, this.source.jwks)
    if (bad) throw new Error(`the signature does not verify: ${bad}`)
    const header = decodeJson(jws.signatures[0].protected) ?? {}
    const payload = decodeJson(jws.payload) ?? {}
    const t = timesOf(header, payload)
    if (t.exp === undefined) throw new Error('the metadata has no exp')
    if (now / 1000 > t.exp) throw new Error(`the metadata expired ${new Date(t.exp * 1000).toISOString()}`)
    if (t.iat !== undefined && t.iat > now / 1000 + 60) throw new Error('the metadata is issued in the future')
    const entities = (Array.isArray(payload.entities) ? payload.entities : []) as Entity[]
    const clientPins = new Map<string, string>()
    const clients = new Set<string>()
    const issuers = new Set<string>()
    for (const e of entities) {
      for (const i of Array.isArray(e.issuers) ? e.issuers : []) if (typeof i?.x509certificate === 'string') issuers.add(i.x509certificate)
      for (const c of Array.isArray(e.clients) ? e.clients : []) {
        clients.add(e.entity_id)
        for (const p of Array.isArray(c.pins) ? c.pins : []) if (p?.alg === 'sha256' && typeof p.digest === 'string') clientPins.set(p.digest, e.entity_id)
      }
    }
    return { clientPins, clients, issuers: [...issuers], exp: t.exp, iat: t.iat }
  }
}

async function fetchText(where: string): Promise<string> {
  if (!/^https?:\/\//i.test(where)) return readFile(where, 'utf8')
  const res = await fetch(where, { headers: { accept: 'application/jose+json, application/json' }, signal: AbortSignal.timeout(15_000) })
  if (res.status !== 200) throw new Error(`GET ${where}: HTTP ${res.status}`)
  const body = await res.text()
  if (body.length > MAX_BYTES) throw new Error(`the metadata is larger than ${MAX_BYTES} bytes`)
  return body
}

/** The request header a FedTLS proxy (bowness) sets for the verified entity; a client must never set it itself. */
export const ENTITY_HEADER = 'x-fedtlsauth-entity-id'

/**
 * The pin rule at the listener: the TLS layer has checked the issuer (where the metadata lists issuers); here the
 * certificate's SPKI pin must be published for a client entity. Returns the refusal (status 403) or undefined to
 * serve. The header ENTITY_HEADER is dropped from the request unless fault fedtls.trusts-entity-header is on.
 */
export function federationRefusal(
  trust: FederationTrust,
  peer: { pin?: string },
  headers: Record<string, string | string[] | undefined>,
  faults: { acceptsUnpinned: boolean; trustsHeader: boolean },
): string | undefined {
  const claimed = headers[ENTITY_HEADER]
  if (!faults.trustsHeader) delete headers[ENTITY_HEADER]
  if (trust.expired()) return 'the federation metadata has expired: no client is trusted'
  if (faults.trustsHeader && typeof claimed === 'string' && trust.isClientEntity(claimed)) return undefined
  if (!peer.pin) return 'a client certificate is required'
  if (faults.acceptsUnpinned) return undefined
  return trust.clientEntity(peer.pin) ? undefined : "the client certificate's key is not pinned for any client entity in the federation metadata"
}
