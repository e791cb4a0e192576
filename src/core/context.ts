// What a check's run() is handed: the spec, a view of the plan, the HTTP client bound to this check's evidence,
// and expect* helpers that turn a broken rule into a CheckFailure carrying the exchange that shows it.

import type { CallbackReceiver } from '../http/callback.js'
import type { FederationControl } from '../auth/fedtls-control.js'
import type { TlsProbeOptions, TlsProbeResult } from '../http/tls-probe.js'
import type { AuthConfig, ClientTls, HttpClient, HttpResponse, RequestAuth, SendOptions } from '../http/client.js'
import type { JWK } from 'jose'
import type { GnapAccess, IssuerTrust, TestIssuer, TokenVariant } from '../auth/issuer.js'
import type { ClientAuthMethod } from '../http/client-auth.js'
import type { TokenRequestVariant } from '../http/token.js'
import type { Spec } from '../spec/load.js'
import { fillPath, type Operation } from '../spec/operations.js'
import { CheckError, CheckFailure, enText, show, svText, toFailure, type FailureDetail, type Text } from './failure.js'
import type { ObservedAnswer, ObservedAnswers } from './observed.js'
import type { Exchange, Failure } from './result.js'

export interface PlanView {
  target: string // API base URL
  builtIn: boolean
  profile: string
  allowWrites: boolean
  authKind: AuthConfig['kind']
  tokenUrl?: string
  /** The client id konform uses at the token endpoint (client-credentials runs). */
  clientId?: string
  /** How konform authenticates at the token endpoint (client-credentials runs). */
  clientAuth?: ClientAuthMethod
  /** The target trusts konform's test issuer with this iss and audience (DNP-shaped tokens when dnpLocation is set). */
  issuer?: IssuerTrust
  /** A federation metadata document to check (FedTLS/MATF) and the federation's keys. */
  metadata?: { url: string; jwks: readonly JWK[] }
  /** konform presents a client certificate (mutual TLS). */
  mtls?: boolean
  /** A second client certificate the target trusts (AUTH-RS-009); its key is a secret kept out of every artefact. */
  otherClientTls?: { cert: string; key: string }
  /** FedTLS server checks: a certificate from an issuer the metadata lists whose pin it does not publish. */
  fedtls?: { unpinned?: { cert: string; key: string }; control?: FederationControl }
  /** FedTLS client checks (profile fedtls-client): the client under test is pointed at konform. */
  fedtlsClient?: import('../auth/fedtls-client-harness.js').FedtlsClientSession
  faults: readonly string[]
  /** Write mode (--allow-writes): where subscription notices arrive; absent otherwise. */
  notices?: NoticeSupport
  /** An earlier export (bag folder) the export checks compare the target with (--baseline); see suites/export. */
  baseline?: string
  /** The customer's expected record counts per list (--expected-counts; from the dataset on the built-in server). */
  expectedCounts?: { counts: Record<string, number>; tolerance: number; source: string }
  /** What the customer or vendor declares for the export checks (src/export/declared.ts); absent values skip them. */
  declared?: import('../export/declared.js').Declared
  /** Requests started per second at most toward the target (--rate; 0 = no limit). */
  rate?: number
}

export interface NoticeSupport {
  receiver: CallbackReceiver
  /** How long a check waits for a notice (--notice-timeout). */
  timeoutMs: number
  /** Tells the person running konform what to do on the target (a vendor system: make a change now). */
  instruct(text: string): void
}

export type QueryValue = string | number | boolean | readonly (string | number)[]

export interface CallOptions {
  path?: Record<string, string>
  query?: Record<string, QueryValue | undefined>
  body?: unknown
  auth?: RequestAuth
}

export class CheckContext {
  readonly evidence: Exchange[] = []
  /** Notes in English (what JUnit and the English report show). */
  readonly notes: string[] = []
  /** The same notes in Swedish, index for index; a plain-string note is repeated as is (language-neutral data). */
  readonly notesSv: string[] = []
  readonly failures: Failure[] = []

  constructor(
    readonly spec: Spec,
    readonly plan: PlanView,
    private readonly client: HttpClient,
    readonly signal: AbortSignal,
    private readonly issuer?: TestIssuer,
    /** The run's record of every answer (observed.ts); the name of the result this context writes. */
    private readonly observed?: ObservedAnswers,
    private readonly unitName = '',
  ) {}

  private readonly sink = (e: Exchange) => {
    this.evidence.push(e)
  }

  /** Calls an operation of the spec ('GET /persons' or the Operation) on the target. */
  call(op: Operation | string, o: CallOptions = {}): Promise<HttpResponse> {
    const operation = typeof op === 'string' ? this.spec.operation(op) : op
    if (!operation) throw new CheckError({ en: `the spec has no operation ${String(op)}`, sv: `specifikationen har ingen operation ${String(op)}` })
    const url = buildUrl(this.plan.target, fillPath(operation.path, o.path), o.query)
    const hasBody = o.body !== undefined
    return this.client
      .send(
        {
          method: operation.method,
          url,
          headers: hasBody ? { 'content-type': 'application/json' } : {},
          body: hasBody ? JSON.stringify(o.body) : undefined,
          auth: o.auth,
          write: !operation.readOnly,
          signal: this.signal,
        },
        this.sink,
      )
      .then((res) => {
        this.observed?.observe(operation, res, this.unitName, this.evidence.findLast((e) => e.id === res.exchangeId))
        return res
      })
  }

  /** This check judges the answer's schema itself, so API-SCHEMA-005 leaves it out (no finding twice). */
  markSchemaJudged(res: HttpResponse): void {
    this.observed?.markJudged(res.exchangeId)
  }

  /** The answers of `op` that checks of this run received and did not judge against the schema themselves. */
  unjudgedAnswers(op: Operation): ObservedAnswer[] {
    return this.observed?.unjudged(op.key) ?? []
  }

  /** Cites an exchange another check of the run recorded (API-SCHEMA-005): it becomes evidence of this result too. */
  cite(e: Exchange): void {
    if (!this.evidence.some((x) => x.id === e.id)) this.evidence.push(e)
  }

  /** A raw request (token endpoint, metadata); recorded as evidence like every other. */
  send(o: SendOptions): Promise<HttpResponse> {
    return this.client.send({ ...o, signal: o.signal ?? this.signal }, this.sink)
  }

  /** The run's access token (for auth checks that must present it themselves), recorded if it is fetched. */
  accessToken(): Promise<string | undefined> {
    return this.client.accessToken(this.sink, this.signal)
  }

  /** A fresh request to the token endpoint (client credentials), or undefined when the run has none. */
  requestToken(variant?: TokenRequestVariant): Promise<HttpResponse> | undefined {
    return this.client.requestToken(this.sink, this.signal, variant)
  }

  /** The run's client TLS settings (mutual TLS), if any. */
  get tls(): ClientTls | undefined {
    return this.client.tls
  }

  /** One request on a TLS connection of its own (no or another client certificate, old TLS), recorded as evidence. */
  probeTls(o: Omit<TlsProbeOptions, 'timeoutMs'>): Promise<TlsProbeResult> {
    return this.client.probeTls(o, this.sink)
  }

  /** A token from konform's test issuer with exactly the named thing wrong; kept out of every artefact. */
  async mintToken(variant: TokenVariant, access?: GnapAccess[]): Promise<string> {
    if (!this.issuer || !this.plan.issuer) throw new CheckError({ en: 'the target does not trust konform\'s test issuer (see konform auth issuer)', sv: 'målet litar inte på konforms testutfärdare (se konform auth issuer)' })
    const token = await this.issuer.mint(this.plan.issuer, variant, Date.now(), access)
    this.client.addSecret(token, `konform-test-token:${variant}`)
    return token
  }

  /** A remark shown with the result (what was looked at, what was measured). Write prose as { en, sv }; a plain
   *  string is for pure data only (ids, counts, a JSON value): see README, "Bilingual findings". */
  note(text: Text): void {
    this.notes.push(enText(text))
    this.notesSv.push(svText(text))
  }

  /** Records a finding and goes on: for checks that report several findings at once. */
  report(message: Text, detail: FailureDetail = {}): void {
    this.failures.push(toFailure(message, detail))
  }

  /** A finding that ends the check. Write the message as { en, sv } (see README, "Bilingual findings"). */
  fail(message: Text, detail: FailureDetail = {}): never {
    throw new CheckFailure(message, detail)
  }

  expectStatus(res: HttpResponse, expected: number | readonly number[], message: Text): void {
    const list = typeof expected === 'number' ? [expected] : expected
    if (!list.includes(res.status)) {
      this.fail(message, {
        expected: { en: `HTTP ${list.join(' or ')}`, sv: `HTTP ${list.join(' eller ')}` },
        actual: `HTTP ${res.status}${this.bodyHint(res)}`,
        evidence: [res.exchangeId],
      })
    }
  }

  /** The body is JSON and validates against the schema the operation declares for this status. */
  expectResponseSchema(res: HttpResponse, op: Operation): void {
    this.markSchemaJudged(res)
    const pointer = op.responses[String(res.status)] ?? op.responses.default
    if (pointer === undefined) {
      this.fail(
        { en: `${op.key} answered ${res.status}, a status the spec does not declare`, sv: `${op.key} svarade ${res.status}, en status som specifikationen inte anger` },
        { evidence: [res.exchangeId] },
      )
    }
    if (pointer === null) return
    const value = this.expectJson(res, { en: `the ${res.status} answer of ${op.key}`, sv: `${res.status}-svaret från ${op.key}` })
    const outcome = this.spec.validators.validate(pointer, value)
    if (!outcome.valid) {
      this.fail({ en: `the ${res.status} answer of ${op.key} does not match its schema`, sv: `${res.status}-svaret från ${op.key} följer inte sitt schema` }, {
        expected: { en: `a body valid against ${schemaName(this.spec, pointer)}`, sv: `en kropp som är giltig enligt ${schemaName(this.spec, pointer)}` },
        actual: outcome.errors.join('; '),
        evidence: [res.exchangeId],
      })
    }
  }

  /** `what` names the answer, e.g. { en: 'the answer of GET /persons', sv: 'svaret från GET /persons' }. */
  expectJson(res: HttpResponse, what: Text): unknown {
    if (res.json === undefined) {
      this.fail({ en: `${enText(what)} is not JSON`, sv: `${svText(what)} är inte JSON` }, {
        expected: { en: 'a JSON body', sv: 'en JSON-kropp' },
        actual: res.jsonError ? { en: `unparseable: ${res.jsonError}`, sv: `går inte att tolka: ${res.jsonError}` } : { en: 'an empty body', sv: 'en tom kropp' },
        evidence: [res.exchangeId],
      })
    }
    return res.json
  }

  /** ': <start of the body>', redacted like evidence: the target's answer may hold personal data. */
  private bodyHint(res: HttpResponse): string {
    if (!res.text) return ''
    const body = this.client.redactBody(res.text, res.headers['content-type'])
    return `: ${show(body.replace(/\s+/g, ' '), 160)}`
  }

  /** Messages, findings and notes pass through the same redaction as evidence before they are kept. */
  redact(text: string): string {
    return this.client.redactText(text)
  }

  /** An error answer carries the spec's Error body {code, message} (both strings). */
  expectErrorBody(res: HttpResponse): void {
    const outcome = this.spec.validators.validate('#/components/schemas/Error', res.json)
    if (res.json === undefined || !outcome.valid) {
      this.fail({ en: `the ${res.status} answer has no Error body {code, message}`, sv: `${res.status}-svaret har ingen Error-kropp {code, message}` }, {
        expected: { en: 'a JSON body {"code": string, "message": string}', sv: 'en JSON-kropp {"code": string, "message": string}' },
        actual: res.json === undefined ? (res.text ? this.bodyHint(res).slice(2) : { en: 'an empty body', sv: 'en tom kropp' }) : outcome.errors.join('; '),
        evidence: [res.exchangeId],
      })
    }
  }
}

export function buildUrl(base: string, path: string, query?: Record<string, QueryValue | undefined>): string {
  const url = new URL(base.replace(/\/+$/, '') + path)
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined) continue
    // OpenAPI 3 default for array query parameters: style form, explode true -> repeated keys.
    for (const item of Array.isArray(v) ? v : [v]) url.searchParams.append(k, String(item))
  }
  return url.toString()
}



function schemaName(spec: Spec, pointer: string): string {
  // '#/paths/~1persons/get/responses/200/…/schema' -> the $ref it holds, e.g. PersonsExpanded
  let cur: any = spec.doc
  for (const part of pointer.slice(2).split('/')) cur = cur?.[part.replace(/~1/g, '/').replace(/~0/g, '~')]
  const ref = typeof cur?.$ref === 'string' ? cur.$ref : undefined
  return ref ? ref.split('/').pop()! : pointer
}
