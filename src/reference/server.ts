// The built-in reference SS 12000 server: every read operation of SS 12000 2.1.0 (lists with real paging, items,
// lookups, the computed aggregatedAttendance, deletedEntities), behind OAuth 2.0 client-credentials bearer tokens, on loopback
// only. Conformant when no fault is on; each named fault (faults.ts) breaks exactly one rule, so every konform
// check can be shown to fail.

import { createHash, randomBytes } from 'node:crypto'
import type { JWK } from 'jose'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { generateDataset, type Dataset } from '../../fixtures/generate.js'
import { ExportFaults } from './export-faults.js'
import { PagePositions, resumeAt } from './keyset.js'
import { AS_METADATA_PATH, authorizationServerMetadata } from './as-metadata.js'
import { isFaultId, type FaultId } from './faults.js'
import {
  AGGREGATED_PARAMS,
  DELETED_ENTITIES_PARAMS,
  deletedData,
  ENUM_FILTERS,
  ITEM_PARAMS,
  LIST_PARAMS,
  LOOKUP_FIELDS,
  LOOKUP_PARAMS,
  LOOKUP_RESOURCES,
  LOOKUP_UUID_FIELDS,
  META_PARAMS,
  ParamError,
  parseParams,
  ReferenceStore,
  RESOURCES,
  SPEC_RULES,
  UUID_RE,
  type EntityRecord,
  type LookupRequest,
  type ParamSpecs,
  type Params,
  type QueryRules,
  type Resource,
} from './store.js'
import { FormError, parseFormEncoded, TokenService } from './token.js'
import { WRITABLE, WriteError, WriteState, type ChangeResult, type ChangeScenario, type Delivery, type WriteAnswer } from './writes.js'
import { jwtLaxFrom, type TrustedIssuer } from './jwt-rules.js'
import { stripFilters } from './filter-faults.js'
import { bendFilters, bendQuery } from './query-faults.js'
import { bendDataset, bendPresented } from './data-faults.js'
import { createListener, type ServerTls } from './mtls.js'
import { FEDERATION_JWKS_PATH, METADATA_PATH, MetadataPublisher } from './fedtls-publisher.js'
import { FederationTrust, type FederationSource } from './fedtls-consumer.js'
import type { TokenVariant } from '../auth/issuer.js'
import { scaleRefusal, WRITE_SCALE_LIMIT } from './scale.js'
import { peerOf, type MtlsClientRegistration } from './mtls-client-auth.js'
import { TEST_CLIENT_DN } from './pki.js'
import { servedAsStored } from './plain-records.js'

export interface ReferenceServerOptions {
  port?: number // default 0 = free port
  host?: string // default '127.0.0.1'; anything that is not a loopback address is refused (throws)
  faults?: readonly FaultId[]
  seed?: number
  tokenTtlSeconds?: number // default 3600
  clientId?: string // default 'konform-client'
  clientSecret?: string // default: random 32 bytes hex generated at start
  dataset?: Dataset // default generateDataset({seed, scale})
  /** About this many entities in total (generateDataset's scale; README "--scale"); above WRITE_SCALE_LIMIT data changes are refused. */
  scale?: number
  clientJwks?: readonly JWK[] // the client's public keys for private_key_jwt (RFC 7523)
  trustedIssuers?: readonly TrustedIssuer[] // issuers whose JWTs the API accepts besides its own (konform's test issuer)
  tls?: ServerTls // HTTPS that requires a client certificate from tls.clientCa (mutual TLS)
  /** FedTLS: with tls, trust the issuers and client pins of this federation's metadata (fedtls-consumer.ts). */
  federation?: FederationSource
  operations?: readonly string[] | 'all' // what the API serves (server-profiles.ts); others answer 404; default all
  /** RFC 8705 client authentication at /token over tls (default with tls: tls_client_auth with subject DN CN=konform test client). */
  mtlsClient?: MtlsClientRegistration
  /** The clock of its tokens (issue and expiry), in ms; tests move it instead of waiting. Default Date.now. */
  tokenClock?: () => number
}

export interface ReferenceServer {
  origin: string // 'http://127.0.0.1:PORT'
  baseUrl: string // origin + '/v2.0'
  tokenUrl: string // origin + '/token'
  clientId: string
  clientSecret: string
  faults: readonly FaultId[]
  dataset: Dataset
  /** A valid access token (for tests). */
  issueToken(): Promise<string>
  /** Changes data while running (as POST /admin/changes does): one batch, notices sent and settled. */
  applyChanges(scenario: ChangeScenario): Promise<ChangeResult>
  /** Resolves when every notice sent so far was delivered or gave up. */
  settled(): Promise<void>
  /** The notices sent so far (the last 1000). */
  readonly deliveries: readonly Delivery[]
  /** The test federation's signing keys (its metadata is at origin + /fedtls/metadata.jws). */
  federationJwks: { keys: JWK[] }
  /** FedTLS (options.federation): load the consumed metadata again now; the problem when it was not taken. */
  refreshFederation(): Promise<string | undefined>
  /** FedTLS: the consumed metadata's clock runs this many seconds ahead (0: the real clock) — exp reached without waiting. */
  federationClock(aheadSeconds: number): void
  /** A token of the server's own key with exactly one thing wrong (for tests and fault probes). */
  mintToken(variant: TokenVariant): Promise<string>
  /** Closes the server and all its sockets promptly. */
  close(): Promise<void>
}

export const API_BASE = '/v2.0'
const MAX_BODY = 1024 * 1024 // request bodies above 1 MiB: 413
const MAX_DRAIN = 64 * MAX_BODY // read and dropped so the 413 reaches the client; beyond it the socket is cut
const JSON_TYPE = 'application/json; charset=utf-8'

export async function startReferenceServer(opts: ReferenceServerOptions = {}): Promise<ReferenceServer> {
  const host = opts.host ?? '127.0.0.1'
  if (!isLoopback(host)) throw new Error(`the reference server listens on loopback only (127.0.0.0/8 or ::1), not on ${JSON.stringify(host)}`)
  const faults = [...new Set(opts.faults ?? [])]
  for (const f of faults) if (!isFaultId(f)) throw new Error(`unknown fault ${JSON.stringify(f)}`)
  const ttlSeconds = opts.tokenTtlSeconds ?? 3600
  if (!Number.isSafeInteger(ttlSeconds) || ttlSeconds < 1) throw new Error(`tokenTtlSeconds must be a positive integer, not ${ttlSeconds}`)
  const dataset = bendDataset(new Set(faults), opts.dataset ?? generateDataset({ seed: opts.seed, scale: opts.scale }))
  const refuseChanges = opts.scale !== undefined && opts.scale > WRITE_SCALE_LIMIT ? scaleRefusal(opts.scale) : undefined
  const clientId = opts.clientId ?? 'konform-client'
  const clientSecret = opts.clientSecret ?? randomBytes(32).toString('hex')

  const tokens = await TokenService.create({
    clientId,
    clientSecret,
    ttlSeconds,
    clientJwks: opts.clientJwks,
    trustedIssuers: opts.trustedIssuers,
    jwtLax: jwtLaxFrom(faults),
    lax: { anySecret: faults.includes('auth.token-accepts-wrong-secret'), anyGrant: faults.includes('auth.token-accepts-any-grant') },
    now: opts.tokenClock,
    // RFC 8705 (auth3): mutual-TLS client authentication and certificate-bound tokens, over the tls listener only.
    mtlsClient: opts.tls ? (opts.mtlsClient ?? { subjectDn: TEST_CLIENT_DN }) : undefined,
    mtlsLax: {
      anyCertificate: faults.includes('auth.token-mtls-accepts-no-cert'),
      spkiThumbprint: faults.includes('auth.token-cnf-spki-thumbprint'),
      ignoreBinding: faults.includes('auth.rs-ignores-certificate-binding'),
    },
  })
  const federation = await MetadataPublisher.create(faults)
  const rules = faults.reduce((q, f) => QUERY_FAULTS[f]?.(q) ?? q, SPEC_RULES)
  const app = new ReferenceApp(new ReferenceStore(dataset, rules), tokens, new Set(faults), dataset, federation, refuseChanges)
  // A clean server over generated data serves list records as stored (plain-records.ts; a change turns this off).
  app.plainRecords = opts.dataset === undefined && faults.length === 0
  if (opts.operations && opts.operations !== 'all') app.serveOnly(opts.operations)
  if (opts.federation && !opts.tls) throw new Error('a consumed federation needs tls (the mutual-TLS listener)')
  const consumed = opts.federation
    ? await FederationTrust.load(opts.federation, {
        keepsRemovedPins: faults.includes('fedtls.keeps-removed-pin'),
        skipsSignature: faults.includes('fedtls.takes-unverified-metadata'),
        ignoresExpiry: faults.includes('fedtls.trusts-expired-metadata'),
      })
    : undefined
  const server = createListener((req, res) => {
    app.handle(req, res).catch(() => res.destroy())
  }, opts.tls && { ...opts.tls, federation: consumed }, faults)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const addr = server.address() as AddressInfo
  const origin = `${opts.tls ? 'https' : 'http'}://${addr.family === 'IPv6' ? `[${addr.address}]` : addr.address}:${addr.port}`
  const baseUrl = origin + API_BASE
  tokens.configure(origin, baseUrl)

  let closing: Promise<void> | undefined
  return {
    origin,
    baseUrl,
    tokenUrl: `${origin}/token`,
    clientId,
    clientSecret,
    faults,
    get dataset() {
      return app.writes.dataset
    },
    issueToken: () => tokens.issue(),
    applyChanges: (scenario) => app.writes.applyChanges(scenario),
    settled: () => app.writes.settled(),
    deliveries: app.writes.deliveries,
    mintToken: (variant) => tokens.mint(variant),
    federationJwks: federation.jwks(),
    refreshFederation: async () => (consumed ? consumed.refresh() : 'the server consumes no federation metadata'),
    federationClock: (aheadSeconds) => consumed?.lettingTimePass(aheadSeconds),
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })),
  }
}

/** The faults that bend the list query language: each changes one of the store's query rules. */
const QUERY_FAULTS: Partial<Record<FaultId, (q: QueryRules) => QueryRules>> = {
  'filter.modified-after-inclusive': (q) => ({ ...q, inclusive: { ...q.inclusive, 'meta.modified.after': true } }),
  'filter.created-before-exclusive': (q) => ({ ...q, inclusive: { ...q.inclusive, 'meta.created.before': false } }),
  'filter.meta-ignored': (q) => ({ ...q, ignored: [...q.ignored, ...META_PARAMS] }),
  'filter.name-case-sensitive': (q) => ({ ...q, nameCaseSensitive: true }),
  'filter.name-any-value': (q) => ({ ...q, nameValues: 'any' }),
  'filter.unknown-enum-ignored': (q) => ({ ...q, lenientEnums: [...q.lenientEnums, ...ENUM_FILTERS] }),
  'sort.unknown-key-ignored': (q) => ({ ...q, lenientEnums: [...q.lenientEnums, 'sortkey'] }),
  // reference server: every read operation (issue #3)
  'filter.open-ended-dropped': (q) => ({ ...q, openEnded: 'drop' }),
}

function isLoopback(host: string): boolean {
  const v4 = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host)
  if (v4) return v4.slice(1).every((n) => Number(n) <= 255)
  return host === '::1' || /^(0{1,4}:){7}0{0,3}1$/.test(host)
}

// --- HTTP plumbing --------------------------------------------------------------------------------------------

/** An answer other than success: status, Error code and message, extra headers. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
  }
}

const badRequest = (code: string, message: string) => new HttpError(400, code, message)

interface Exchange {
  req: http.IncomingMessage
  res: http.ServerResponse
  /** Under /v2.0: bearer-protected, answers carry SS 12000 Error bodies. */
  api: boolean
  query: Map<string, string[]>
  /** Path template values ({id}). */
  params: Record<string, string>
  /** This request's number on this server, from 1. */
  seq: number
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE'

interface Route {
  method: Method
  path: string // template: '/v2.0/persons/{id}'
  handle(x: Exchange): Promise<void>
}

function sendText(res: http.ServerResponse, text: string, type: string, cacheControl: string): void {
  res.writeHead(200, { 'content-type': type, 'cache-control': cacheControl, 'content-length': String(Buffer.byteLength(text)) })
  res.end(text)
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const bytes = Buffer.from(JSON.stringify(body), 'utf8')
  res.writeHead(status, { ...headers, 'content-type': JSON_TYPE, 'content-length': String(bytes.length) })
  res.end(bytes)
}

/** The request target split into raw path and query (origin-form; absolute-form is accepted too). */
function splitTarget(target: string): { path: string; query: string } {
  let t = target
  if (!t.startsWith('/')) {
    try {
      const u = new URL(t)
      t = u.pathname + u.search
    } catch {
      throw badRequest('invalid_request', 'the request target is not a path')
    }
  }
  const q = t.indexOf('?')
  return q < 0 ? { path: t, query: '' } : { path: t.slice(0, q), query: t.slice(q + 1) }
}

function decodeSegments(path: string): string[] {
  try {
    return path.split('/').slice(1).map((s) => decodeURIComponent(s))
  } catch {
    throw badRequest('invalid_encoding', 'the path has malformed percent-encoding')
  }
}

/** Matches decoded path segments against a template; the template's {name} values, or undefined. */
function matchTemplate(template: string, segments: readonly string[]): Record<string, string> | undefined {
  const parts = template.split('/').slice(1)
  if (parts.length !== segments.length) return undefined
  const params: Record<string, string> = {}
  for (let i = 0; i < parts.length; i++) {
    const m = /^\{(\w+)\}$/.exec(parts[i])
    if (m) params[m[1]] = segments[i]
    else if (parts[i] !== segments[i]) return undefined
  }
  return params
}

/** The body, at most MAX_BODY bytes; a larger one is read to its end (up to MAX_DRAIN) and answered 413. */
function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let over = Number(req.headers['content-length'] ?? 0) > MAX_BODY
    let done = false
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY) over = true
      if (!over) chunks.push(chunk)
      if (size > MAX_DRAIN) req.destroy()
    })
    req.on('end', () => {
      done = true
      if (over) reject(new HttpError(413, 'payload_too_large', `the request body is larger than ${MAX_BODY} bytes`, { connection: 'close' }))
      else resolve(Buffer.concat(chunks))
    })
    req.on('error', (err) => {
      done = true
      reject(err)
    })
    req.on('close', () => {
      if (!done) reject(new Error('the client went away before the request body ended'))
    })
  })
}

/** A JSON request body (application/json or +json; no content-type is taken as JSON). */
async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase()
  if (type && type !== 'application/json' && !/^application\/[\w.+-]+\+json$/.test(type)) {
    // Read it anyway, so the answer is not cut short by an unread body.
    await readBody(req)
    throw new HttpError(415, 'unsupported_media_type', `the request body must be application/json, not ${type}`)
  }
  const bytes = await readBody(req)
  if (!bytes.length) throw badRequest('invalid_body', 'a JSON request body is required')
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw badRequest('invalid_body', 'the request body is not UTF-8')
  }
  try {
    return JSON.parse(text)
  } catch (err) {
    throw badRequest('invalid_body', `the request body is not JSON: ${(err as Error).message}`)
  }
}

// --- paging ---------------------------------------------------------------------------------------------------

/** A paged list: one of the resources, or the deletions. */
type ListKind = Resource | 'aggregatedAttendance' | 'deletedEntities'

/** The query parameters of each paged list (limit and pageToken aside). */
const LIST_SPECS: Readonly<Record<ListKind, ParamSpecs>> = { ...LIST_PARAMS, aggregatedAttendance: AGGREGATED_PARAMS, deletedEntities: DELETED_ENTITIES_PARAMS }

/** The specs with no parameter required: what a pageToken is read with, and the list under filter.required-window-optional. */
const optional = (specs: ParamSpecs): ParamSpecs => Object.fromEntries(Object.entries(specs).map(([k, { required: _r, ...v }]) => [k, v]))

/** What a pageToken carries: the whole query (so follow-ups send only the token) and where the next page starts. */
interface PageState {
  v: 1
  r: ListKind
  p: Params
  o: number // offset of the next page in the query's order
  l?: number // the limit of the query, for follow-ups that do not repeat it
  k?: string // a list's last record served, its position sealed (keyset.ts): where the next page starts
}

function encodePageToken(s: PageState): string {
  return Buffer.from(JSON.stringify(s), 'utf8').toString('base64url')
}

function decodePageToken(token: string, resource: ListKind): PageState {
  const invalid = () => badRequest('invalid_page_token', 'pageToken is not one this server gave for this list')
  if (!/^[A-Za-z0-9_-]{1,8192}$/.test(token)) throw invalid()
  let s: Partial<PageState>
  try {
    s = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<PageState>
  } catch {
    throw invalid()
  }
  const isCount = (n: unknown, min: number) => typeof n === 'number' && Number.isSafeInteger(n) && n >= min
  if (!s || typeof s !== 'object' || s.v !== 1 || s.r !== resource || !isCount(s.o, 0) || (s.l !== undefined && !isCount(s.l, 1))) throw invalid()
  if (s.k !== undefined && (typeof s.k !== 'string' || !/^[A-Za-z0-9_-]+$/.test(s.k))) throw invalid()
  const p = s.p
  if (!p || typeof p !== 'object' || Array.isArray(p)) throw invalid()
  const entries = Object.entries(p)
  if (!entries.every(([, v]) => Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string'))) throw invalid()
  let params: Params
  try {
    params = parseParams(optional(LIST_SPECS[resource]), new Map(entries))
  } catch {
    throw invalid()
  }
  if (Object.keys(params).length !== entries.length) throw invalid()
  return { v: 1, r: resource, p: params, o: s.o!, ...(s.l !== undefined ? { l: s.l } : {}), ...(s.k !== undefined ? { k: s.k } : {}) }
}

interface Page<T> {
  items: T[]
  /** Offset of the next page; null on the last page. */
  next: number | null
}

// --- the application ------------------------------------------------------------------------------------------

/**
 * data.malformed-civicno serves civic numbers as YYYYMMDD-NNNN; the server then reads that form too (in the
 * civicNo filter and civicNos lookups), so a client can still find a person by the number it was served.
 */
const hyphenateCivicNo = (v: string) => `${v.slice(0, 8)}-${v.slice(8)}`
const unhyphenateCivicNo = (v: string) => (/^\d{8}-\w{4}$/.test(v) ? v.replace('-', '') : v)

/** A version-4-shaped UUID derived from a record's id and a request number (identity.unstable-ids). */
function unstableId(id: string, seq: number): string {
  const b = createHash('sha256').update(`${seq}/${id.toLowerCase()}`).digest().subarray(0, 16)
  b[6] = (b[6] & 0x0f) | 0x40
  b[8] = (b[8] & 0x3f) | 0x80
  const h = b.toString('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

const SINGULAR: Record<Resource, string> = {
  organisations: 'organisation',
  persons: 'person',
  duties: 'duty',
  groups: 'group',
  activities: 'activity',
  placements: 'placement',
  programmes: 'programme',
  studyplans: 'study plan',
  syllabuses: 'syllabus',
  schoolUnitOfferings: 'school unit offering',
  calendarEvents: 'calendar event',
  attendances: 'attendance',
  attendanceEvents: 'attendance event',
  attendanceSchedule: 'attendance schedule',
  grades: 'grade',
  absences: 'absence',
  resources: 'resource',
  rooms: 'room',
}

type View = 'list' | 'item' | 'lookup'

class ReferenceApp {
  private readonly routes: Route[]
  private requests = 0
  readonly writes: WriteState
  private readonly exportFaults: ExportFaults
  private readonly positions = new PagePositions()
  /** Generated records, no fault on, no change yet: a list page without expand or expandReferenceNames is the records as stored. */
  plainRecords = false

  constructor(
    private store: ReferenceStore,
    private readonly tokens: TokenService,
    private readonly faults: ReadonlySet<FaultId>,
    dataset: Dataset,
    private readonly federation: MetadataPublisher,
    refuseChanges?: string,
  ) {
    // A change swaps in a store built from the changed dataset, with the same query rules (writes.ts).
    this.writes = new WriteState(
      dataset,
      (d) => {
        this.plainRecords = false
        this.store = new ReferenceStore(d, this.store.rules)
      },
      faults,
      { refuseChanges },
    )
    this.exportFaults = new ExportFaults(faults, () => this.store)
    this.routes = [
      ...this.writeRoutes(),
      ...RESOURCES.flatMap((r): Route[] => [
        { method: 'GET', path: `${API_BASE}/${r}`, handle: (x) => this.list(r, x) },
        ...(LOOKUP_RESOURCES.includes(r) ? [{ method: 'POST' as const, path: `${API_BASE}/${r}/lookup`, handle: (x: Exchange) => this.lookup(r, x) }] : []),
        { method: 'GET', path: `${API_BASE}/${r}/{id}`, handle: (x) => this.item(r, x) },
      ]),
      { method: 'GET', path: `${API_BASE}/aggregatedAttendance`, handle: (x) => this.aggregatedAttendance(x) },
      { method: 'GET', path: `${API_BASE}/deletedEntities`, handle: (x) => this.deletedEntities(x) },
      { method: 'POST', path: '/token', handle: (x) => this.token(x) },
      { method: 'GET', path: '/.well-known/jwks.json', handle: (x) => this.jwks(x) },
      { method: 'GET', path: AS_METADATA_PATH, handle: async (x) => sendJson(x.res, 200, authorizationServerMetadata(this.tokens.issuerId, this.faults, this.tokens.mtls)) },
      // FedTLS/MATF: the test federation's signed metadata and the federation's signing keys (fedtls-publisher.ts).
      { method: 'GET', path: METADATA_PATH, handle: async (x) => void sendText(x.res, this.federation.document, 'application/jose+json', 'max-age=3600') },
      { method: 'GET', path: FEDERATION_JWKS_PATH, handle: async (x) => sendJson(x.res, 200, this.federation.jwks()) },
    ]
  }

  private offered?: ReadonlySet<string>

  /** Serves only these API operations ('GET /persons/{id}'); the others answer 404 (server-profiles.ts). */
  serveOnly(operations: readonly string[]): void {
    this.offered = new Set(operations)
  }

  private fault(id: FaultId): boolean {
    return this.faults.has(id)
  }

  /** One request, start to end; never throws and never leaves the socket without an answer. */
  async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const x: Exchange = { req, res, api: false, query: new Map(), params: {}, seq: ++this.requests }
    try {
      const { path, query } = splitTarget(req.url ?? '/')
      x.api = path === API_BASE || path.startsWith(`${API_BASE}/`)
      if (x.api) await this.authorise(x)
      const segments = decodeSegments(path)
      try {
        x.query = bendQuery(this.faults, this.exportFaults.query(parseFormEncoded(query)))
      } catch (err) {
        if (err instanceof FormError) throw badRequest('invalid_encoding', `the query string has ${err.message}`)
        throw err
      }
      const method = req.method === 'HEAD' ? 'GET' : req.method
      if (x.api && method === 'POST' && path.endsWith('/lookup') && this.fault('ops.lookups-missing')) {
        throw new HttpError(404, 'not_found', `there is no resource at ${path}`)
      }
      if (x.api && /^\/attendanceSchedule(\/[^/]+)?$/.test(path.slice(API_BASE.length)) && (method === 'POST' || method === 'DELETE') && this.fault('ops.attendance-schedule-writes-missing')) {
        throw new HttpError(404, 'not_found', `there is no resource at ${path}`)
      }
      const { route, params, allowed } = this.match(method ?? '', segments)
      if (!route) {
        if (allowed.length) {
          const allow = allowed.flatMap((m) => (m === 'GET' ? ['GET', 'HEAD'] : [m])).join(', ')
          throw new HttpError(405, 'method_not_allowed', `${req.method} is not allowed here (allowed: ${allow})`, { allow })
        }
        throw new HttpError(404, 'not_found', `there is no resource at ${path}`)
      }
      if (this.offered && route.path.startsWith(`${API_BASE}/`) && !this.offered.has(`${route.method} ${route.path.slice(API_BASE.length)}`)) {
        throw new HttpError(404, 'not_found', `there is no resource at ${path}`)
      }
      if (this.exportFaults.withheld(route.path.slice(API_BASE.length))) throw new HttpError(404, 'not_found', `there is no resource at ${path}`)
      x.params = params
      await route.handle(x)
    } catch (err) {
      this.answerError(x, err)
    }
  }

  /** The route for the path and method; concrete paths win over templated ones (…/lookup over …/{id}). */
  private match(method: string, segments: readonly string[]): { route?: Route; params: Record<string, string>; allowed: Method[] } {
    const hits = this.routes.map((r) => ({ r, params: matchTemplate(r.path, segments) })).filter((h) => h.params !== undefined)
    const concrete = hits.filter((h) => !h.r.path.includes('{'))
    const pool = concrete.length ? concrete : hits
    const hit = pool.find((h) => h.r.method === method)
    return { route: hit?.r, params: hit?.params ?? {}, allowed: [...new Set(pool.map((h) => h.r.method))] }
  }

  private answerError(x: Exchange, err: unknown): void {
    if (x.res.headersSent || x.res.destroyed) {
      x.res.destroy()
      return
    }
    const e = err instanceof HttpError ? err : new HttpError(500, 'internal_error', `the server failed: ${err instanceof Error ? err.message : String(err)}`)
    if (e.status === 400 && x.api && this.fault('error.no-body')) {
      x.res.writeHead(400, { ...e.headers, 'content-length': '0' })
      x.res.end()
      return
    }
    // SS 12000 declares every 404 of an …/{id} operation without content: no body there (issue #3).
    if (e.status === 404 && x.api && x.params.id !== undefined) {
      x.res.writeHead(404, { ...e.headers, 'content-length': '0' })
      x.res.end()
      return
    }
    sendJson(x.res, e.status, { code: e.code, message: e.message }, e.headers)
  }

  // --- bearer tokens (RFC 6750) --------------------------------------------------------------------------------

  private async authorise(x: Exchange): Promise<void> {
    const header = x.req.headers.authorization
    if (header === undefined && this.fault('auth.accept-missing-token')) return
    if (header === undefined && this.fault('auth.rs-accepts-query-token')) {
      const q = new URL(x.req.url ?? '/', 'http://x').searchParams.get('access_token')
      if (q && (await this.tokens.verify(q, peerOf(x.req.socket))).ok) return
    }
    // The scheme is case-insensitive (RFC 7235 2.1), unless a fault says otherwise.
    const scheme = this.fault('auth.scheme-case-sensitive') ? /^Bearer(?:\s+(.*))?$/s : /^Bearer(?:\s+(.*))?$/is
    const m = header === undefined ? null : scheme.exec(header.trim())
    const challenge: Record<string, string> = this.fault('auth.401-without-challenge') ? {} : { 'www-authenticate': 'Bearer' }
    if (!m) throw new HttpError(401, 'unauthorized', 'an access token is required: Authorization: Bearer <token>', challenge)
    const token = (m[1] ?? '').trim()
    if (token && this.fault('auth.accept-invalid-token')) return
    const result = token ? await this.tokens.verify(token, peerOf(x.req.socket)) : { ok: false as const, reason: 'the token is empty' }
    if (!result.ok && result.forbidden) {
      throw new HttpError(403, 'forbidden', `Åtkomst nekad: ${result.reason}`, { 'www-authenticate': 'Bearer error="insufficient_scope"' })
    }
    if (!result.ok) {
      throw new HttpError(401, 'invalid_token', `the access token is not valid: ${result.reason}`, { 'www-authenticate': 'Bearer error="invalid_token"' })
    }
  }

  // --- query parameters ----------------------------------------------------------------------------------------

  private params(specs: ParamSpecs, query: ReadonlyMap<string, readonly string[]>): Params {
    try {
      return parseParams(specs, query, this.store.rules.lenientEnums)
    } catch (err) {
      if (err instanceof ParamError) throw badRequest('invalid_parameter', err.message)
      throw err
    }
  }

  /** limit: an integer of at least 1 (0 too under paging.limit-zero-accepted); undefined when not given. */
  private limit(query: ReadonlyMap<string, readonly string[]>): number | undefined {
    const values = query.get('limit')
    if (!values) return undefined
    if (values.length > 1) throw badRequest('invalid_parameter', 'limit may be given only once')
    const v = values[0]
    const min = this.fault('paging.limit-zero-accepted') ? 0 : 1
    // paging.limit-lenient reads a limit that is not an integer as parseInt does (2.5 -> 2, abc -> not given).
    if (this.fault('paging.limit-lenient') && !/^\d+$/.test(v)) return Number.parseInt(v, 10) >= 1 ? Number.parseInt(v, 10) : undefined
    if (!/^\d+$/.test(v) || Number(v) < min) throw badRequest('invalid_parameter', `limit=${JSON.stringify(v)} is not an integer of at least 1`)
    return Math.min(Number(v), Number.MAX_SAFE_INTEGER)
  }

  // --- GET /x ------------------------------------------------------------------------------------------------------

  /** The query of a paged list: from its pageToken (alone, or with limit only) or from its parameters. */
  private pageState(kind: ListKind, x: Exchange): { state: PageState; followUp: boolean; size?: number } {
    const limit = this.limit(x.query)
    const tokens = x.query.get('pageToken')
    let state: PageState
    if (tokens) {
      if (tokens.length > 1) throw badRequest('invalid_page_token', 'pageToken may be given only once')
      const others = [...x.query.keys()].filter((k) => k !== 'pageToken' && k !== 'limit' && Object.hasOwn(LIST_SPECS[kind], k))
      if (others.length && !this.fault('paging.token-with-filters-accepted')) {
        throw badRequest('400_invalid_filter', `pageToken cannot be combined with other parameters than limit (got ${others.join(', ')})`)
      }
      state = decodePageToken(tokens[0], kind)
    } else {
      const specs = this.fault('filter.required-window-optional') ? optional(LIST_SPECS[kind]) : LIST_SPECS[kind]
      state = { v: 1, r: kind, p: this.params(specs, x.query), o: 0 }
    }
    return { state, followUp: tokens !== undefined, size: limit ?? state.l }
  }

  /** The pageToken of the page after this one, or null. */
  private nextToken(state: PageState, next: number | null, size: number | undefined, last?: EntityRecord): string | null {
    if (next === null) return null
    const k = last ? this.positions.seal(last as unknown as { id: string }) : state.k
    return encodePageToken({ v: 1, r: state.r, p: state.p, o: next, ...(size !== undefined && size >= 1 ? { l: size } : {}), ...(k !== undefined ? { k } : {}) })
  }

  private async list(r: Resource, x: Exchange): Promise<void> {
    if (this.exportFaults.forbidden(r)) throw new HttpError(403, 'forbidden', `this client may not list ${r}`)
    if (this.exportFaults.throttle(r, x.query)) throw new HttpError(429, 'too_many_requests', 'too many requests')
    const { state, followUp, size: asked } = this.pageState(r, x)
    const size = this.exportFaults.pageSize(asked)
    const civicNo = state.p.civicNo
    const query = civicNo && this.fault('data.malformed-civicno') ? { ...state.p, civicNo: civicNo.map(unhyphenateCivicNo) } : state.p
    const applied = bendFilters(this.faults, r, stripFilters(this.faults, r, query))
    const rows: readonly EntityRecord[] = this.exportFaults.rows(r, this.store.query(r, applied), applied)
    // Keyset paging (keyset.ts): the page starts after the last record served, wherever it now lies.
    const last = state.k !== undefined && !this.fault('export.offset-paging') ? this.positions.open(state.k) : undefined
    const start = last ? resumeAt(rows as readonly EntityRecord[], last, this.store.order(r, applied), state.o) : state.o
    const page = this.exportFaults.lastPage(this.paginate(rows, start, size, followUp, state.p.sortkey !== undefined), rows.length, size)
    // A clean server over generated data serves list records as stored (plain-records.ts).
    const plain = this.plainRecords && servedAsStored(state.p)
    sendJson(x.res, 200, {
      data: plain ? page.items : page.items.map((rec) => this.present(r, rec, state.p, 'list', x.seq)),
      pageToken: this.nextToken(state, page.next, size, page.next !== null ? rows[page.next - 1] : undefined),
    })
  }

  // --- GET /aggregatedAttendance ----------------------------------------------------------------------------------

  /** AggregatedAttendances: computed per activity and student over the required startDate/endDate window; paged like the lists. */
  private async aggregatedAttendance(x: Exchange): Promise<void> {
    const { state, followUp, size } = this.pageState('aggregatedAttendance', x)
    const page = this.paginate(this.store.aggregated(stripFilters(this.faults, 'aggregatedAttendance', state.p)), state.o, size, followUp, false)
    const ern = state.p.expandReferenceNames?.[0] === 'true' && !this.fault('ern.ignored')
    const expand = this.fault('expand.ignored') ? undefined : state.p.expand
    sendJson(x.res, 200, {
      data: page.items.map((row) => this.store.renderAggregated(row, { ern: ern || this.fault('ern.always-display-name'), expand })),
      pageToken: this.nextToken(state, page.next, size),
    })
  }

  // --- GET /deletedEntities ---------------------------------------------------------------------------------------

  /**
   * DeletedEntities: {data: {<type's member>: [id…]}, pageToken}. after is exclusive ("borttag som inträffat
   * efter"); data has a member for every type asked (all 18 without entities), empty when none was deleted.
   * Paged like the lists: limit counts ids, oldest deletion first, across the types.
   */
  private async deletedEntities(x: Exchange): Promise<void> {
    const { state, followUp, size } = this.pageState('deletedEntities', x)
    const page = this.paginate(this.exportFaults.deletions(this.store.deleted(state.p), state.p.after?.[0]), state.o, size, followUp, false)
    sendJson(x.res, 200, { data: deletedData(page.items, state.p.entities), pageToken: this.nextToken(state, page.next, size) })
  }

  /** One page of rows from offset (sorted: the query has a sortkey); the paging faults and sort.broken-on-page-2 bend exactly this. */
  private paginate<T>(rows: readonly T[], offset: number, limit: number | undefined, followUp: boolean, sorted: boolean): Page<T> {
    if (this.fault('paging.ignore-limit')) limit = undefined
    // Only reachable under paging.limit-zero-accepted: an empty page that points at the same place.
    if (limit === 0) return { items: [], next: offset < rows.length ? offset : null }
    let end = limit === undefined ? rows.length : Math.min(rows.length, offset + limit)
    let items = rows.slice(offset, end)
    if (followUp && offset > 0 && offset <= rows.length) {
      if (this.fault('paging.repeat-last-item')) {
        // The previous page's last record comes first again; the page still holds at most limit records
        // (limit 1 aside, which would otherwise never move on).
        const fresh = limit === undefined ? rows.length - offset : Math.max(1, limit - 1)
        end = Math.min(rows.length, offset + fresh)
        items = [rows[offset - 1], ...rows.slice(offset, end)]
      }
      if (this.fault('paging.skip-first-item')) items = items.slice(1)
      if (sorted && this.fault('sort.broken-on-page-2')) items = [...items].reverse()
    }
    let next: number | null = end < rows.length ? end : null
    if (this.fault('paging.never-ends') && next === null) next = Math.max(end, offset + 1)
    return { items, next }
  }

  // --- GET /x/{id} -------------------------------------------------------------------------------------------------

  private async item(r: Resource, x: Exchange): Promise<void> {
    const id = x.params.id
    if (!UUID_RE.test(id)) {
      if (this.fault('item.malformed-id-404')) throw new HttpError(404, 'not_found', `there is no ${SINGULAR[r]} with id ${JSON.stringify(id)}`)
      throw badRequest('invalid_id', `Felaktigt id: ${JSON.stringify(id)} is not a UUID`)
    }
    const p = this.params(ITEM_PARAMS[r], x.query)
    const record = this.store.get(r, id)
    if (!record) {
      if (this.fault('item.unknown-id-200')) return sendJson(x.res, 200, {})
      if (this.fault('item.unknown-id-500')) throw new HttpError(500, 'internal_error', `the server failed to read ${SINGULAR[r]} ${id}`)
      throw new HttpError(404, 'not_found', `there is no ${SINGULAR[r]} with id ${id}`)
    }
    sendJson(x.res, 200, this.present(r, record, p, 'item', x.seq))
  }

  // --- POST /x/lookup ----------------------------------------------------------------------------------------------

  private async lookup(r: Resource, x: Exchange): Promise<void> {
    const p = this.params(LOOKUP_PARAMS[r] ?? {}, x.query)
    const request = this.lookupRequest(r, await readJson(x.req))
    if (this.fault('lookup.civicnos-ignored')) delete request.civicNos
    if (request.civicNos && this.fault('data.malformed-civicno')) request.civicNos = request.civicNos.map(unhyphenateCivicNo)
    const rows = this.fault('lookup.ignore-ids') ? this.store.all(r) : this.store.lookup(r, request)
    sendJson(
      x.res,
      200,
      rows.map((rec) => this.present(r, rec, p, 'lookup', x.seq)),
    )
  }

  /** The lookup body: an object whose known members are arrays of strings (ids: UUIDs); other members are ignored. */
  private lookupRequest(r: Resource, body: unknown): LookupRequest {
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest('invalid_body', 'the lookup body must be a JSON object')
    const out: LookupRequest = {}
    for (const field of LOOKUP_FIELDS[r]) {
      const v = (body as Record<string, unknown>)[field]
      if (v === undefined) continue
      if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) throw badRequest('invalid_body', `${field} must be an array of strings`)
      if (LOOKUP_UUID_FIELDS.includes(field)) {
        const bad = v.find((s) => !UUID_RE.test(s))
        if (bad !== undefined) throw badRequest('invalid_body', `${field} holds ${JSON.stringify(bad)}, which is not a UUID`)
      }
      out[field] = v as string[]
    }
    return out
  }

  /** A record as this endpoint serves it in answer to request number seq; the shape faults act here. */
  private present(r: Resource, record: EntityRecord, p: Params, view: View, seq: number): Record<string, unknown> {
    const asked = p.expandReferenceNames?.[0] === 'true' && !this.fault('ern.ignored')
    const ern = asked || this.fault('ern.always-display-name')
    const out = this.store.render(r, record, { ern, expand: this.fault('expand.ignored') ? undefined : p.expand })
    this.exportFaults.present(r, record.id, out)
    bendPresented(this.faults, r, out, p)
    if (this.fault('identity.unstable-ids')) out.id = unstableId(record.id, seq)
    const civicNo = (out as { civicNo?: { value?: string } }).civicNo
    if (r === 'persons' && civicNo?.value && this.fault('data.malformed-civicno')) civicNo.value = hyphenateCivicNo(civicNo.value)
    if (this.fault('schema.missing-meta')) delete out.meta
    if (r === 'organisations' && this.fault('schema.bad-enum')) out.organisationType = 'Kommun'
    if (r === 'grades' && this.fault('schema.grade-bad-semester')) out.semester = 'Vårtermin'
    if (view === 'item' && this.fault('item.differs-from-list')) {
      // Duties have neither: their item answers stay as in the list.
      const field = r === 'persons' ? 'givenName' : 'displayName'
      if (typeof out[field] === 'string') out[field] = `${String(out[field])} (item)`
    }
    return out
  }

  // --- the authorisation server ------------------------------------------------------------------------------------

  private async token(x: Exchange): Promise<void> {
    let body: Buffer
    try {
      body = await readBody(x.req)
    } catch (err) {
      if (!(err instanceof HttpError)) throw err
      return sendJson(x.res, err.status, { error: 'invalid_request', error_description: err.message }, err.headers)
    }
    const answer = await this.tokens.handle({
      contentType: x.req.headers['content-type'],
      authorization: x.req.headers.authorization,
      body: body.toString('utf8'),
      peer: peerOf(x.req.socket),
    })
    if (answer.status === 200 && this.fault('auth.token-without-type')) delete answer.body.token_type
    sendJson(x.res, answer.status, answer.body, answer.headers)
  }

  // --- write mode (writes.ts) ------------------------------------------------------------------------------------

  private writeRoutes(): Route[] {
    const w = this.writes
    const route = (method: Method, path: string, fn: (x: Exchange) => Promise<WriteAnswer> | WriteAnswer): Route => ({
      method,
      path: path.startsWith('/admin') ? path : API_BASE + path,
      handle: async (x) => {
        let a: WriteAnswer
        try {
          a = await fn(x)
        } catch (err) {
          throw err instanceof WriteError ? new HttpError(err.status, err.code, err.message) : err
        }
        if (a.body === undefined) {
          x.res.writeHead(a.status, { 'content-length': '0' })
          x.res.end()
        } else sendJson(x.res, a.status, a.body)
      },
    })
    const one = (x: Exchange, name: string) => (x.query.get(name)?.length === 1 ? x.query.get(name)![0] : undefined)
    return [
      route('POST', '/subscriptions', async (x) => w.createSubscription(await readJson(x.req))),
      route('GET', '/subscriptions', (x) => w.listSubscriptions(this.limit(x.query), one(x, 'pageToken'))),
      route('GET', '/subscriptions/{id}', (x) => w.getSubscription(x.params.id)),
      route('PATCH', '/subscriptions/{id}', (x) => w.renewSubscription(x.params.id)),
      route('DELETE', '/subscriptions/{id}', (x) => w.deleteSubscription(x.params.id)),
      route('POST', '/log/', async (x) => w.addLog(await readJson(x.req))),
      route('POST', '/statistics/', async (x) => w.addStatistics(await readJson(x.req))),
      ...Object.entries(WRITABLE).flatMap(([c, { deletable }]) => [
        route('POST', `/${c}`, async (x) => w.create(c, await readJson(x.req))),
        ...(deletable ? [route('DELETE', `/${c}/{id}`, (x) => w.remove(c, x.params.id))] : []),
      ]),
      // Outside /v2.0, behind the same bearer tokens; the server itself listens on loopback only.
      route('POST', '/admin/changes', async (x) => {
        await this.authorise(x)
        return { status: 200, body: await w.applyChanges((await readJson(x.req)) as ChangeScenario) }
      }),
    ]
  }

  private async jwks(x: Exchange): Promise<void> {
    sendJson(x.res, 200, this.tokens.jwks(this.fault('auth.jwks-missing-token-kid')), { 'cache-control': 'max-age=300' })
  }
}
