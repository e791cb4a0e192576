// One run, end to end: plan -> spec -> (built-in server) -> reachability -> runner -> RunResult.
// The commands are thin: they turn flags into RunOptions, call runPlan() and render what it returns.

import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import path from 'node:path'
import type { Dispatcher } from 'undici'
import { suiteOf, type Check } from './core/check.js'
import type { PlanView } from './core/context.js'
import { requirementInfo } from './core/requirements.js'
import { loadChecks } from './core/registry.js'
import { untestedReasons } from './report/traceability.js'
import {
  mustPassed,
  RESULT_SCHEMA_VERSION,
  summarise,
  VERDICT_RULE,
  type CheckResult,
  type RequirementInfo,
  type RunResult,
  type Suite,
  type About,
  type EvidenceMode,
  type Waiver,
} from './core/result.js'
import {
  applyWaivers,
  catalogueSha256,
  CLOCK_SOURCE,
  deviationsOf,
  gitCommit,
  NON_DETERMINISM,
  platform,
  profileSha256,
  REDACTION_RULES,
  REPORT_TITLE,
  validityOf,
} from './report/evidence.js'
import { runChecks } from './core/runner.js'
import { KonformError, oneLine } from './errors.js'
import { CallbackReceiver, type CallbackOptions } from './http/callback.js'
import { HttpClient, type AuthConfig, type ClientTls } from './http/client.js'
import { makeTestPki, makeUntrustedClient, removeTestPki, TEST_CLIENT_DN } from './reference/pki.js'
import { OTHER_TENANT_PATH } from './reference/jwt-rules.js'
import type { MtlsClientRegistration } from './reference/mtls-client-auth.js'
import { METADATA_PATH } from './reference/fedtls-publisher.js'
import type { JWK } from 'jose'
import type { ServerTls } from './reference/mtls.js'
import { BenchFederation } from './auth/fedtls-bench.js'
import { startClientBench, type ClientBench } from './auth/fedtls-client-bench.js'
import { TestIssuer, type IssuerTrust } from './auth/issuer.js'
import { generateClientKey, isMtlsClientAuth, type ClientAuthMethod, type ClientKey } from './http/client-auth.js'
import { DEFAULT_LIMITS, type Limits } from './http/limits.js'
import { assertReachable } from './http/reach.js'
import { Redactor } from './http/redact.js'
import { toolVersion } from './paths.js'
import { BASELINE_CHECKS, builtInBaseline } from './export/earlier.js'
import { NOT_TESTED } from './export/not-tested.js'
import { builtInDeclared, type Declared } from './export/declared.js'
import { datasetCounts, readExpectedCounts } from './export/expected-counts.js'
import { startReferenceServer, type ReferenceServer } from './reference/server.js'
import type { FaultId } from './reference/faults.js'
import { loadSpec, type Spec } from './spec/load.js'
import type { Operation } from './spec/operations.js'
import { PROFILES } from '../suites/profiles.js'

export const FAULTS_NEED_BUILTIN = '--fault switches faults on in the built-in reference server; it cannot be used with --target'

export interface RunOptions {
  /** API base URL; undefined = start the built-in reference server. */
  target?: string
  specFile?: string
  profile: string
  suites: readonly Suite[]
  /** Only these check ids (all of the profile when empty). */
  checkIds?: readonly string[]
  auth?: AuthConfig
  limits?: Partial<Limits>
  allowWrites?: boolean
  faults?: readonly FaultId[]
  /** How konform authenticates at the built-in server's token endpoint (default client_secret_basic). */
  clientAuth?: ClientAuthMethod
  /** private_key_jwt on the built-in server: konform's key (default: one made for the run). */
  clientKey?: ClientKey
  /** Against a --target that trusts konform's test issuer: its key and what the target was told (iss, aud). */
  issuer?: { key: ClientKey; trust: IssuerTrust }
  /** A federation metadata document (URL) and the federation's JWKS, for profile fedtls-metadata on a --target. */
  metadata?: { url: string; jwks: readonly JWK[] }
  /** Mutual TLS toward a --target: client certificate, key and the CA of the server (PEM). */
  tls?: ClientTls
  /** A second client certificate the --target trusts (AUTH-RS-009: a bound token on another client's connection). */
  otherClientTls?: { cert: string; key: string }
  /** skolverket-dnp on a --target: the API base URL of another huvudman on the same system (AUTH-RS-010). */
  otherLocation?: string
  /** FedTLS server checks on a --target: a certificate from a listed issuer that the metadata does not pin. */
  fedtls?: PlanView['fedtls']
  /** FedTLS client checks against a vendor's client (konform auth fedtls-client-test): konform's side, running. */
  fedtlsClient?: PlanView['fedtlsClient']
  /** An earlier export (bag folder) for the export suite's incremental checks (derived on the built-in server). */
  baseline?: string
  /** A JSON file of the customer's expected record counts per list (EXPORT-COUNTS-012). */
  expectedCounts?: string
  /** Declared retention, organisation size, export time limit (export checks; src/export/declared.ts). */
  declared?: Declared
  /** Extra secret values to keep out of every artefact (label -> value). */
  secrets?: Record<string, string>
  dispatcher?: Dispatcher
  /** Write mode: where konform's callback receiver listens and the URL the target is to call. */
  callback?: CallbackOptions
  /** How long to wait for a subscription notice (default 30 s). */
  noticeTimeoutMs?: number
  /** What the person running konform must do on the target (make a change); default: stderr. */
  onInstruction?: (text: string) => void
  onResult?: (r: CheckResult) => void
  onStart?: (info: { target: string; checks: number; builtIn: boolean }) => void
  // ---- evidence (issue #7) ----
  /** The item tested and who tested it for whom (R-04, R-13). */
  about?: About
  /** Known failures accepted until a date; applied after the run (see applyWaivers). */
  waivers?: readonly Waiver[]
  /** 'full' keeps personal data raw for local debugging: the run is then marked NOT evidence. */
  evidenceMode?: EvidenceMode
  /** The command line as given (argv after the program), recorded redacted for R-11. */
  command?: readonly string[]
}

export async function runPlan(o: RunOptions): Promise<RunResult> {
  const startedAt = new Date()
  const spec = await loadSpec(o.specFile)
  const profile = PROFILES[o.profile]
  if (!profile) throw new KonformError(`unknown profile "${o.profile}" (known: ${Object.keys(PROFILES).join(', ')})`)
  const operations = profileOperations(spec, o.profile, profile.operations)
  const catalogue = await loadChecks()
  const checks = selectChecks(catalogue, o)
  const limits: Limits = { ...DEFAULT_LIMITS, ...o.limits }
  if (o.baseline !== undefined && !existsSync(path.join(o.baseline, 'manifest.json'))) {
    throw new KonformError(`--baseline ${o.baseline} is not an export from konform export (it has no manifest.json)`)
  }
  const givenCounts = o.expectedCounts === undefined ? undefined : await readExpectedCounts(o.expectedCounts)

  let server: ReferenceServer | undefined
  let target = o.target
  let auth = o.auth ?? { kind: 'none' }
  let issuer = o.issuer ? TestIssuer.fromKey(o.issuer.key) : undefined
  let trust = o.issuer?.trust
  let tls = o.tls
  let metadata = o.metadata
  let serverTls: ServerTls | undefined
  let otherClientTls = o.otherClientTls
  let fedtls = o.fedtls
  let bench: BenchFederation | undefined
  let clientBench: ClientBench | undefined // fedcli: profile fedtls-client drives konform's reference FedTLS client
  if (!target) {
    // The built-in server trusts a test issuer made for this run, as a vendor would configure konform's.
    issuer = await TestIssuer.create()
    const dnp = o.profile === 'skolverket-dnp'
    const iss = 'https://issuer.konform.invalid'
    const audience = dnp ? 'nutid' : undefined
    const clientAuth = o.clientAuth ?? profile.clientAuth ?? 'client_secret_basic'
    if (isMtlsClientAuth(clientAuth) && profile.transport !== 'mtls') {
      throw new KonformError(`--client-auth ${clientAuth} needs mutual TLS: use --profile mtls-token (or mtls) on the built-in server`)
    }
    let mtlsClient: MtlsClientRegistration | undefined
    const clientKey = clientAuth === 'private_key_jwt' ? (o.clientKey ?? (await generateClientKey())) : undefined
    if (profile.transport === 'mtls' || profile.transport === 'fedtls') {
      const pki = await makeTestPki()
      // The PEM text is all the run needs: the folder with the keys goes now.
      await removeTestPki(pki)
      serverTls = { cert: pki.server.cert, key: pki.server.key, clientCa: pki.ca }
      tls = { cert: pki.client.cert, key: pki.client.key, ca: pki.ca }
      otherClientTls = { cert: pki.otherClient.cert, key: pki.otherClient.key }
      mtlsClient = { subjectDn: TEST_CLIENT_DN }
      if (clientAuth === 'self_signed_tls_client_auth') {
        // RFC 8705 2.2: konform's own self-signed certificate, registered with the server (and trusted by its listener).
        const own = await makeUntrustedClient()
        serverTls.clientCa = `${pki.ca}\n${own.cert}`
        tls = { cert: own.cert, key: own.key, ca: pki.ca }
        mtlsClient = { selfSigned: [own.cert] }
      }
      // FedTLS: konform runs the test federation the built-in server consumes (fedtls-bench.ts).
      if (profile.transport === 'fedtls') ({ bench, serverTls, fedtls } = await BenchFederation.start(pki))
    }
    if (profile.transport === 'fedtls-client') clientBench = await startClientBench(o.faults ?? [])
    server = await startReferenceServer({
      tls: serverTls,
      mtlsClient,
      federation: bench?.source,
      faults: o.faults ?? [],
      clientJwks: clientKey ? [clientKey.publicJwk] : undefined,
      trustedIssuers: [{ issuer: iss, audience, jwks: issuer.jwks().keys, dnp }],
    })
    target = server.baseUrl
    if (profile.metadata) metadata = { url: server.origin + METADATA_PATH, jwks: server.federationJwks.keys }
    if (bench) {
      metadata = await bench.pinServer(server)
      fedtls = { ...fedtls, control: bench.control(server) }
    }
    trust = { issuer: iss, audience: audience ?? server.baseUrl, dnpLocation: dnp ? server.baseUrl : undefined, otherLocation: dnp ? server.origin + OTHER_TENANT_PATH : undefined }
    auth = { kind: 'client-credentials', tokenUrl: server.tokenUrl, clientId: server.clientId, clientSecret: server.clientSecret, clientAuth, clientKey }
  } else if (o.faults?.length) {
    throw new KonformError(FAULTS_NEED_BUILTIN)
  }
  const full = o.evidenceMode === 'full'
  const redactor = new Redactor({ secrets: o.secrets, personalData: !full })
  if (tls?.key) redactor.addSecret(tls.key, 'client-tls-key')
  if (otherClientTls?.key) redactor.addSecret(otherClientTls.key, 'other-client-tls-key')
  if (trust && o.otherLocation && trust.dnpLocation) trust = { ...trust, otherLocation: o.otherLocation }
  if (fedtls?.unpinned) redactor.addSecret(fedtls.unpinned.key, 'unpinned-tls-key')
  for (const [label, value] of Object.entries(clientBench?.secrets ?? {})) redactor.addSecret(value, label)
  const client = new HttpClient({ auth, limits, redactor, allowWrites: o.allowWrites ?? false, dispatcher: o.dispatcher, tls })
  let receiver: CallbackReceiver | undefined
  let baseline = o.baseline
  let expectedCounts = givenCounts
  let dropBaseline: (() => Promise<void>) | undefined
  try {
    if (server && !baseline && checks.some((c) => BASELINE_CHECKS.includes(c.id))) {
      const b = await builtInBaseline({ dataset: server.dataset, profile: o.profile, specFile: o.specFile })
      baseline = b.dir
      dropBaseline = b.cleanup
    }
    if (server && !expectedCounts) expectedCounts = datasetCounts(server.dataset, operations.filter((op) => op.recordList).map((op) => op.path.slice(1)))
    const declared = server
      ? builtInDeclared(server.dataset, o.declared ?? { sources: {} })
      : o.declared
    await assertReachable(target, limits.requestTimeoutMs, tls)
    // Write mode: konform's own callback receiver, the target of the subscriptions its checks register.
    if (o.allowWrites && checks.some((c) => c.id.startsWith('API-SUB-'))) {
      receiver = await CallbackReceiver.start(o.callback).catch((err: unknown) => {
        throw new KonformError(`cannot start the callback receiver on ${o.callback?.host ?? '127.0.0.1'}:${o.callback?.port ?? 0}: ${oneLine(err)}`)
      })
    }
    const plan: PlanView = {
      target,
      builtIn: !!server,
      profile: o.profile,
      allowWrites: o.allowWrites ?? false,
      authKind: auth.kind,
      tokenUrl: auth.kind === 'client-credentials' ? auth.tokenUrl : undefined,
      clientId: auth.kind === 'client-credentials' ? auth.clientId : undefined,
      clientAuth: auth.kind === 'client-credentials' ? (auth.clientAuth ?? 'client_secret_basic') : undefined,
      issuer: trust,
      mtls: !!tls?.cert,
      ...(otherClientTls ? { otherClientTls } : {}),
      metadata,
      ...(fedtls ? { fedtls } : {}),
      ...(clientBench ? { fedtlsClient: clientBench.session } : o.fedtlsClient ? { fedtlsClient: o.fedtlsClient } : {}),
      faults: [...(o.faults ?? [])],
      notices: receiver && {
        receiver,
        timeoutMs: o.noticeTimeoutMs ?? 30_000,
        instruct: o.onInstruction ?? ((text) => process.stderr.write(`konform: ${text}\n`)),
      },
      ...(baseline ? { baseline } : {}),
      ...(expectedCounts ? { expectedCounts } : {}),
      ...(declared ? { declared } : {}),
      rate: limits.ratePerSecond,
    }
    o.onStart?.({ target, checks: checks.length, builtIn: !!server })
    const results = await runChecks(checks, {
      spec,
      plan,
      client,
      operations,
      concurrency: limits.concurrency,
      checkTimeoutMs: limits.checkTimeoutMs,
      onResult: o.onResult,
      issuer,
    })
    const finishedAt = new Date()
    const run: RunResult = {
      schemaVersion: RESULT_SCHEMA_VERSION,
      runId: randomUUID(),
      report: { title: REPORT_TITLE, issuedAt: finishedAt.toISOString() },
      tool: {
        name: 'konform',
        version: toolVersion(),
        node: process.version,
        commit: gitCommit(),
        catalogueSha256: catalogueSha256(catalogue),
        platform: platform(),
      },
      spec: { title: spec.title, version: spec.version, sha256: spec.sha256, file: spec.file, errata: spec.validators.errata },
      target: { url: redactor.url(target), builtIn: !!server, faults: [...(o.faults ?? [])] },
      profile: o.profile,
      profileSha256: profileSha256(o.profile, profile.operations, catalogue),
      ...(o.about ? { about: redactAbout(o.about, redactor) } : {}),
      suites: o.suites.filter((s) => checks.some((c) => suiteOf(c.id) === s)),
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationMs: finishedAt.getTime() - startedAt.getTime(),
      clock: CLOCK_SOURCE,
      limits: {
        concurrency: limits.concurrency,
        requestTimeoutMs: limits.requestTimeoutMs,
        checkTimeoutMs: limits.checkTimeoutMs,
        maxResponseBytes: limits.maxResponseBytes,
        ratePerSecond: limits.ratePerSecond,
        allowWrites: o.allowWrites ?? false,
      },
      verdict: { passed: mustPassed(results), rule: VERDICT_RULE },
      summary: summarise(results),
      requirements: requirementsOf(results),
      redaction: { secrets: true, personalData: redactor.personalData, rules: full ? [REDACTION_RULES[0]] : REDACTION_RULES },
      evidenceMode: full ? 'full' : 'redacted',
      reproduce: { command: commandLine(o.command, redactor), nonDeterminism: NON_DETERMINISM },
      deviations: { skipped: [], limitations: [] },
      validity: validityOf(startedAt.toISOString(), o.about),
      results,
      ...(results.some((r) => r.suite === 'export') ? { notTested: [...NOT_TESTED] } : {}),
    }
    run.deviations = deviationsOf(run)
    // report3 (issue #7): the traceability table lists every requirement of the method, tested or not, and why
    const untested = run.deviations.notTested ?? []
    run.deviations.notTestedWhy = untestedReasons(untested, catalogue, o)
    for (const ref of untested) run.requirements[ref] ??= requirementInfo(ref)
    return o.waivers ? applyWaivers(run, o.waivers, finishedAt.toISOString().slice(0, 10)) : run
  } finally {
    await client.close()
    await receiver?.close()
    await server?.close()
    await bench?.close()
    await clientBench?.close()
    await dropBaseline?.()
  }
}

function profileOperations(spec: Spec, name: string, keys: readonly string[]): Operation[] {
  return keys.map((k) => {
    const op = spec.operation(k)
    if (!op) throw new KonformError(`profile ${name} names ${k}, which spec ${spec.file} does not have`)
    return op
  })
}

function selectChecks(all: Check[], o: RunOptions): Check[] {
  if (o.checkIds?.length) {
    const known = new Set(all.map((c) => c.id as string))
    const unknown = o.checkIds.filter((id) => !known.has(id))
    if (unknown.length) throw new KonformError(`unknown check id ${unknown.join(', ')} (see konform list)`)
  }
  return all.filter(
    (c) => c.profiles.includes(o.profile) && o.suites.includes(suiteOf(c.id)) && (!o.checkIds?.length || o.checkIds.includes(c.id)),
  )
}

function requirementsOf(results: readonly CheckResult[]): Record<string, RequirementInfo> {
  const out: Record<string, RequirementInfo> = {}
  for (const r of results) for (const ref of r.requirements) out[ref] ??= requirementInfo(ref)
  return out
}

/** The command line for R-11: `konform run …` with every secret value redacted (secrets never come from flags,
 *  but a user may paste one into --about text). */
function commandLine(argv: readonly string[] | undefined, redactor: Redactor): string {
  const words = ['konform', ...(argv ?? ['run'])].map((w) => (/^[A-Za-z0-9_./:=@%+,-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`))
  return redactor.secretsOut(words.join(' '))
}

/** About texts are the user's own, but may hold a secret pasted by mistake. */
function redactAbout(about: About, redactor: Redactor): About {
  return JSON.parse(redactor.secretsOut(JSON.stringify(about))) as About
}
