// konform's side of the FedTLS/MATF client checks (AUTH-FEDTLS-CLI-001…003, auth-flows §2.8): a FedTLS client
// under test is pointed at konform, which is both the federation operator (it signs and publishes metadata that
// pins konform's test server and lists the client's pin, given by the user) and the server the client connects
// to. The harness records what the client does — its certificate's SPKI pin, handshakes, requests (whether an
// Authorization header came, never its value) — per scenario:
//   as-published       the metadata as it should be; konform presents the pinned certificate (CLI-001)
//   unpinned-server    konform presents a certificate whose pin the metadata does not publish (MITM, CLI-002)
//   expired-metadata   konform publishes an expired document moving the server to a new address and pin (CLI-003)
//   tampered-metadata  the same move in a document whose payload was changed after signing (CLI-003)
// A driver makes the client act: the reference client runs one cycle (built-in run); a vendor's client runs on
// its own schedule (not offered yet). Keys stay in memory; nothing here writes them anywhere.

import https from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import type { TLSSocket } from 'node:tls'
import { signMetadata, spkiPin, type Metadata } from './fedtls.js'
import { FederationOperator } from './fedtls-operator.js'

export type ClientScenario = 'as-published' | 'unpinned-server' | 'expired-metadata' | 'tampered-metadata'

export const TEST_SERVER_ENTITY = 'https://konform.invalid/fedtls-test-server'
export const CLIENT_UNDER_TEST_ENTITY = 'https://client-under-test.konform.invalid'

export interface RequestSeen {
  method: string
  path: string
  /** An Authorization header came (its value is never kept). */
  authorization: boolean
}

export interface ConnectionSeen {
  /** pinned: konform's server at the published base_uri; new: the address only the bad metadata names. */
  listener: 'pinned' | 'new'
  /** The certificate konform presented: its pin is published (pinned) or not (unpinned, or only in bad metadata). */
  presented: 'pinned' | 'unpinned' | 'new'
  /** The TLS handshake completed on konform's side. */
  handshake: boolean
  /** SPKI pin of the certificate the client presented, if any. */
  clientPin?: string
  requests: RequestSeen[]
  /** Why the handshake failed on konform's side (one line). */
  error?: string
}

export interface Observation {
  scenario: ClientScenario
  /** How many times the client fetched the metadata during the scenario. */
  metadataFetches: number
  connections: ConnectionSeen[]
}

/** What a FedTLS client check is handed (plan.fedtlsClient). */
export interface FedtlsClientSession {
  /** How the client is made to act (for the report). */
  readonly how: string
  /** The client pin konform publishes for the client under test. */
  readonly clientPin: string
  /** The metadata URL the client fetches (GET, recorded by the checks as evidence). */
  readonly metadataUrl: string
  exclusive<T>(fn: () => Promise<T>): Promise<T>
  /**
   * Sets the scenario up, has the client act, and puts the federation back; what konform saw. `arranged` runs
   * once the scenario is in place, before the client acts (a check fetches the document then, as evidence).
   */
  observe(scenario: ClientScenario, arranged?: () => Promise<void>): Promise<Observation>
}

export interface ServerPair {
  cert: string
  key: string
}

/** The test federation: konform's server entity (its pin at baseUri) and the client under test (its pin). */
export function clientTestFederation(o: { ca: string; serverPin: string; clientPin: string; baseUri: string }): Metadata {
  return {
    version: '1.0.0',
    cache_ttl: 3600,
    entities: [
      {
        entity_id: TEST_SERVER_ENTITY,
        organization: 'Konform testkommun',
        organization_id: 'SE2120000001',
        issuers: [{ x509certificate: o.ca }],
        servers: [{ description: 'konform FedTLS test server', base_uri: o.baseUri, tags: ['egilv1'], pins: [{ alg: 'sha256', digest: o.serverPin }] }],
      },
      {
        entity_id: CLIENT_UNDER_TEST_ENTITY,
        organization: 'Konform testleverantör AB',
        organization_id: 'SE5560000001',
        issuers: [{ x509certificate: o.ca }],
        clients: [{ description: 'FedTLS client under test', tags: ['egilv1'], pins: [{ alg: 'sha256', digest: o.clientPin }] }],
      },
    ],
  }
}

interface Listener {
  server: https.Server
  url: string
}

export class ClientHarness {
  private recording?: { connections: ConnectionSeen[]; closing: Promise<void>[]; raw: Map<Socket, 'pinned' | 'new'>; judged: Set<unknown> }
  private fetches = 0
  /** Told of every metadata fetch and TCP connection while recording (waitForClient). */
  private notify?: (what: 'fetch' | 'connection') => void
  private queue: Promise<unknown> = Promise.resolve()

  private constructor(
    readonly operator: FederationOperator,
    private readonly pinned: Listener,
    private readonly fresh: Listener,
    private readonly certs: { ca: string; server: ServerPair; unpublished: ServerPair },
    readonly clientPin: string,
    private readonly presented: { pinned: 'pinned' | 'unpinned' },
  ) {}

  /**
   * Starts the operator and the two listeners. `server` is pinned in the metadata; `unpublished` is presented as
   * the MITM certificate and is the one bad metadata pins at the new address. `clientPin` is the client under test's.
   */
  static async start(o: { ca: string; server: ServerPair; unpublished: ServerPair; clientPin: string; host?: string; port?: number }): Promise<ClientHarness> {
    const host = o.host ?? '127.0.0.1'
    const operator = await FederationOperator.start({
      onFetch: () => {
        if (!h) return
        h.fetches++
        if (h.recording) h.notify?.('fetch')
      },
    })
    const presented = { pinned: 'pinned' as 'pinned' | 'unpinned' }
    let h: ClientHarness | undefined
    const listen = async (which: 'pinned' | 'new', pair: ServerPair, port = 0): Promise<Listener> => {
      const server = https.createServer({ cert: pair.cert, key: pair.key, ca: o.ca, requestCert: true, rejectUnauthorized: false, minVersion: 'TLSv1.2' })
      const seen = new WeakMap<TLSSocket, ConnectionSeen>()
      // Every TCP connection is waited for until it closes; one that ends before its handshake is settled either
      // way (a client that hangs up at once) is recorded too. The TLS socket's _parent is the TCP one.
      const parent = (t: TLSSocket) => (t as unknown as { _parent?: unknown })._parent
      server.on('connection', (raw: Socket) => {
        const rec = h?.recording
        if (!rec) return
        rec.raw.set(raw, which)
        rec.closing.push(new Promise((resolve) => raw.once('close', () => setImmediate(resolve))))
        h?.notify?.('connection')
      })
      server.on('secureConnection', (socket: TLSSocket) => {
        const rec = h?.recording
        if (!rec) return // served, not recorded: between scenarios
        rec.judged.add(parent(socket))
        const peer = socket.getPeerX509Certificate()
        const c: ConnectionSeen = { listener: which, presented: which === 'new' ? 'new' : presented.pinned, handshake: true, clientPin: peer ? spkiPin(peer.toString()) : undefined, requests: [] }
        seen.set(socket, c)
        rec.connections.push(c)
      })
      server.on('tlsClientError', (err, socket) => {
        const rec = h?.recording
        if (!rec) return
        rec.judged.add(parent(socket))
        rec.connections.push({ listener: which, presented: which === 'new' ? 'new' : presented.pinned, handshake: false, requests: [], error: `${(err as { code?: string }).code ?? err.name}` })
        socket.destroy()
      })
      server.on('request', (req, res) => {
        const c = seen.get(req.socket as TLSSocket)
        c?.requests.push({ method: req.method ?? '', path: (req.url ?? '').split('?')[0], authorization: req.headers.authorization !== undefined })
        res.writeHead(200, { 'content-type': 'application/json', connection: 'close' })
        res.end(JSON.stringify({ data: [], pageToken: null }))
      })
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject)
        server.listen(port, host, () => resolve())
      })
      return { server, url: `https://${host}:${(server.address() as AddressInfo).port}/v2.0` }
    }
    const started: Listener[] = []
    try {
      started.push(await listen('pinned', o.server, o.port))
      started.push(await listen('new', o.unpublished))
    } catch (err) {
      for (const l of started) l.server.close()
      await operator.close()
      throw err
    }
    const [pinned, fresh] = started
    h = new ClientHarness(operator, pinned, fresh, { ca: o.ca, server: o.server, unpublished: o.unpublished }, o.clientPin, presented)
    await h.publishAsIs()
    return h
  }

  /** The base URI konform's server is published at. */
  get baseUri(): string {
    return this.pinned.url
  }

  private metadata(): Metadata {
    return clientTestFederation({ ca: this.certs.ca, serverPin: spkiPin(this.certs.server.cert), clientPin: this.clientPin, baseUri: this.pinned.url })
  }

  /** The server entry moved to the new address and pin (what the bad documents say). */
  private moved(): Metadata {
    const md = this.metadata()
    md.entities[0].servers = [{ ...md.entities[0].servers![0], base_uri: this.fresh.url, pins: [{ alg: 'sha256', digest: spkiPin(this.certs.unpublished.cert) }] }]
    return md
  }

  private async publishAsIs(): Promise<void> {
    await this.operator.publish(this.metadata())
  }

  private present(which: 'pinned' | 'unpinned'): void {
    const pair = which === 'pinned' ? this.certs.server : this.certs.unpublished
    this.pinned.server.setSecureContext({ cert: pair.cert, key: pair.key, ca: this.certs.ca })
    this.presented.pinned = which
  }

  /** Sets the scenario up (the as-published state first), so that the client's next cycle meets it. */
  async arrange(scenario: ClientScenario): Promise<void> {
    this.present(scenario === 'unpinned-server' ? 'unpinned' : 'pinned')
    if (scenario === 'expired-metadata') {
      const t = Math.floor(Date.now() / 1000)
      this.operator.publishRaw(await signMetadata(this.moved(), this.operator.key, { iss: this.operator.iss, iat: t - 2 * 86400, exp: t - 86400 }))
    } else if (scenario === 'tampered-metadata') {
      // Signed as published, then the payload swapped for the moved federation: the signature no longer holds.
      await this.publishAsIs()
      const jws = JSON.parse(this.operator.published) as { payload: string }
      const signed = JSON.parse(Buffer.from(jws.payload, 'base64url').toString('utf8')) as Metadata
      jws.payload = Buffer.from(JSON.stringify({ ...signed, entities: this.moved().entities })).toString('base64url')
      this.operator.publishRaw(JSON.stringify(jws, null, 2))
    } else await this.publishAsIs()
  }

  /** Puts the federation back as published, with the pinned certificate presented. */
  async restore(): Promise<void> {
    this.present('pinned')
    await this.publishAsIs()
  }

  /** Records what arrives while fn runs (fn makes the client act), and waits for those connections to close. */
  async record(scenario: ClientScenario, fn: () => Promise<void>): Promise<Observation> {
    const rec: NonNullable<ClientHarness['recording']> = { connections: [], closing: [], raw: new Map(), judged: new Set() }
    this.recording = rec
    const before = this.fetches
    try {
      await fn()
      // Connections may still arrive to close (a slow client): wait until every one seen has closed.
      for (let n = 0; n < rec.closing.length; n = rec.closing.length) await Promise.all(rec.closing)
      for (const [raw, which] of rec.raw) {
        if (!rec.judged.has(raw)) rec.connections.push({ listener: which, presented: which === 'new' ? 'new' : this.presented.pinned, handshake: false, requests: [], error: 'closed during the handshake' })
      }
      return { scenario, metadataFetches: this.fetches - before, connections: this.recording.connections }
    } finally {
      this.recording = undefined
    }
  }

  /**
   * A session whose client is driven by `act` (one cycle of the client: fetch metadata, connect, request). With
   * settle, the client runs one more cycle after each scenario is put back, so that it meets the next scenario
   * from the published state (what a scenario left in its cache does not spill into the next check).
   */
  session(how: string, act: (scenario: ClientScenario) => Promise<void>, o: { settle?: boolean } = {}): FedtlsClientSession {
    return {
      how,
      clientPin: this.clientPin,
      metadataUrl: this.operator.url,
      exclusive: <T>(fn: () => Promise<T>): Promise<T> => {
        const run = this.queue.then(fn, fn)
        this.queue = run.catch(() => undefined)
        return run
      },
      observe: async (scenario, arranged) => {
        await this.arrange(scenario)
        try {
          await arranged?.()
          return await this.record(scenario, () => act(scenario))
        } finally {
          await this.restore()
          if (o.settle) await act('as-published').catch(() => undefined)
        }
      },
    }
  }

  /**
   * For a client konform does not drive (a vendor's): resolves once the client has acted on the scenario — made a
   * connection; for bad metadata, fetched the document and then made a connection — or after timeoutMs.
   * Only while recording (inside observe). The wait is the bound the user gave; nothing is judged by time.
   */
  waitForClient(scenario: ClientScenario, timeoutMs: number): Promise<void> {
    const needsFetch = scenario === 'expired-metadata' || scenario === 'tampered-metadata'
    let fetched = false
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer)
        this.notify = undefined
        resolve()
      }
      const timer = setTimeout(done, timeoutMs)
      this.notify = (what) => {
        if (what === 'fetch') fetched = true
        else if (!needsFetch || fetched) done()
      }
    })
  }

  async close(): Promise<void> {
    for (const l of [this.pinned, this.fresh]) {
      await new Promise<void>((resolve) => {
        l.server.close(() => resolve())
        l.server.closeAllConnections()
      })
    }
    await this.operator.close()
  }
}
