// Flags shared by commands, and the mapping flags + environment -> RunOptions. Secrets come only from the
// environment (KONFORM_TOKEN, KONFORM_CLIENT_SECRET), never from flags, so they stay out of shell history.

import { Flags } from '@oclif/core'
import { readFile } from 'node:fs/promises'
import type { AuthConfig, ClientTls } from '../http/client.js'
import type { IssuerTrust } from '../auth/issuer.js'
import { CLIENT_AUTH_FLAG, isMtlsClientAuth, loadClientKey, type ClientAuthMethod, type ClientKey } from '../http/client-auth.js'
import { KonformError, oneLine } from '../errors.js'
import type { Suite } from '../core/result.js'
import { DEFAULT_LIMITS, type Limits } from '../http/limits.js'
import { FAULT_IDS, isFaultId, type FaultId } from '../reference/faults.js'
import type { About } from '../core/result.js'
import { readAbout } from '../report/evidence.js'

/** --fault values, refused with the list of known faults (kept out of the usage line: there are many). */
export function faultsFrom(values: readonly string[] | undefined): FaultId[] {
  const unknown = (values ?? []).filter((v) => !isFaultId(v))
  if (unknown.length) throw new KonformError(`unknown fault ${unknown.join(', ')} (known: ${FAULT_IDS.join(', ')})`)
  return [...(values ?? [])] as FaultId[]
}

export const SUITES: Suite[] = ['api', 'auth', 'export']

export function defaultLang(env: NodeJS.ProcessEnv = process.env): 'sv' | 'en' {
  const loc = env.LC_ALL || env.LC_MESSAGES || env.LANG || ''
  return /^sv/i.test(loc) ? 'sv' : 'en'
}

export const limitFlags = {
  concurrency: Flags.integer({ description: 'Requests in flight at once.', default: DEFAULT_LIMITS.concurrency, min: 1, max: 64 }),
  rate: Flags.integer({
    description: `Requests started per second at most (0 = no limit; default ${DEFAULT_LIMITS.ratePerSecond} against a --target, no limit on the built-in server).`,
    min: 0,
  }),
  timeout: Flags.integer({ description: 'Seconds one request may take.', default: DEFAULT_LIMITS.requestTimeoutMs / 1000, min: 1 }),
  'check-timeout': Flags.integer({ description: 'Seconds one check may take.', default: DEFAULT_LIMITS.checkTimeoutMs / 1000, min: 1 }),
  'max-response-mb': Flags.integer({ description: 'Largest response body read, in MiB.', default: DEFAULT_LIMITS.maxResponseBytes / 1048576, min: 1 }),
}

export function limitsFrom(
  f: { concurrency: number; rate?: number; timeout: number; 'check-timeout': number; 'max-response-mb': number; target?: string },
): Partial<Limits> {
  return {
    concurrency: f.concurrency,
    // The rate protects a vendor's system; the built-in server on loopback needs no such care.
    ratePerSecond: f.rate ?? (f.target ? DEFAULT_LIMITS.ratePerSecond : 0),
    requestTimeoutMs: f.timeout * 1000,
    checkTimeoutMs: f['check-timeout'] * 1000,
    maxResponseBytes: f['max-response-mb'] * 1048576,
  }
}

export const clientAuthFlags = {
  'client-auth': Flags.string({
    description:
      'How konform authenticates at the token endpoint: basic (client_secret_basic, the default), post (client_secret_post), private_key_jwt (RFC 7523, with --client-key), or tls_client_auth / self_signed_tls_client_auth (RFC 8705: the --client-cert of the mutual-TLS connection; default of profile mtls-token).',
    options: Object.keys(CLIENT_AUTH_FLAG),
  }),
  'client-key': Flags.string({ description: "konform's private key for private_key_jwt: a PEM or JWK file (the token endpoint registers its public half).", helpValue: 'FILE' }),
}

type AuthFlags = { 'token-url'?: string; 'client-id'?: string; scope?: string; 'client-auth'?: string; 'client-key'?: string; 'client-cert'?: string }

/** The target's auth from flags and environment; refuses half-given or conflicting settings. */
export async function authFrom(f: AuthFlags, env: NodeJS.ProcessEnv = process.env): Promise<AuthConfig> {
  const token = env.KONFORM_TOKEN?.trim()
  const secret = env.KONFORM_CLIENT_SECRET
  const clientAuth = CLIENT_AUTH_FLAG[f['client-auth'] ?? 'basic']
  if (!clientAuth) throw new KonformError(`--client-auth must be one of ${Object.keys(CLIENT_AUTH_FLAG).join(', ')}`)
  if (f['client-key'] && clientAuth !== 'private_key_jwt' && !f['client-cert']) throw new KonformError('--client-key is for --client-auth private_key_jwt or with --client-cert (mutual TLS)')
  if (isMtlsClientAuth(clientAuth) && f['token-url'] && !f['client-cert']) throw new KonformError(`--client-auth ${f['client-auth']} needs --client-cert and --client-key (the certificate is the credential, RFC 8705)`)
  if (f['token-url']) {
    if (token) throw new KonformError('give either KONFORM_TOKEN or --token-url, not both')
    if (!f['client-id']) throw new KonformError('--token-url needs --client-id (and the secret in KONFORM_CLIENT_SECRET)')
    checkUrl(f['token-url'], '--token-url')
    const base = { kind: 'client-credentials' as const, tokenUrl: f['token-url'], clientId: f['client-id'], scope: f.scope, clientAuth }
    if (clientAuth === 'private_key_jwt') {
      if (!f['client-key']) throw new KonformError('--client-auth private_key_jwt needs --client-key FILE (a PEM or JWK private key)')
      if (f['client-cert']) throw new KonformError('--client-key is either the private_key_jwt key or the TLS client key; give one of --client-auth private_key_jwt and --client-cert')
      return { ...base, clientKey: await loadClientKey(f['client-key']) }
    }
    if (isMtlsClientAuth(clientAuth)) return base
    if (!secret) throw new KonformError('--token-url needs the client secret in the environment variable KONFORM_CLIENT_SECRET')
    return { ...base, clientSecret: secret }
  }
  if (f['client-id']) throw new KonformError('--client-id needs --token-url')
  if (token) return { kind: 'bearer', token }
  return { kind: 'none' }
}

/** On the built-in server: the client authentication to use there (its token endpoint knows all three). */
export async function builtInClientAuth(f: AuthFlags): Promise<{ clientAuth?: ClientAuthMethod; clientKey?: ClientKey }> {
  // Not given: the profile's default (tls_client_auth under mtls-token, client_secret_basic elsewhere).
  const clientAuth = f['client-auth'] === undefined ? undefined : CLIENT_AUTH_FLAG[f['client-auth']]
  return { clientAuth, clientKey: f['client-key'] ? await loadClientKey(f['client-key']) : undefined }
}

export function checkUrl(raw: string, flag: string): URL {
  let u: URL
  try {
    u = new URL(raw)
  } catch {
    throw new KonformError(`${flag} is not a URL: ${raw}`)
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new KonformError(`${flag} must be an http(s) URL: ${raw}`)
  return u
}

/** Secret values from the environment, to be kept out of every artefact. */
export function envSecrets(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of ['KONFORM_TOKEN', 'KONFORM_CLIENT_SECRET']) if (env[name]) out[name] = env[name]!
  return out
}

/** One-line warnings about credentials that a target will refuse, or that the built-in server does not use. */
export function credentialWarnings(f: { target?: string; 'token-url'?: string }, auth: AuthConfig, env: NodeJS.ProcessEnv = process.env): string[] {
  const out: string[] = []
  if (f.target && auth.kind === 'none') {
    out.push('no credentials given (KONFORM_TOKEN, or --token-url and --client-id with KONFORM_CLIENT_SECRET): the target will likely refuse the requests')
  }
  if (!f.target && (f['token-url'] || env.KONFORM_TOKEN)) {
    out.push("without --target konform uses its built-in server with that server's own credentials; the given ones are not used")
  }
  return out
}

/** Write mode: the callback receiver's listen address (--callback-listen HOST:PORT) and public URL (--callback-url). */
export function callbackFrom(f: { 'callback-url'?: string; 'callback-listen'?: string }): { host?: string; port?: number; publicUrl?: string } {
  const out: { host?: string; port?: number; publicUrl?: string } = {}
  if (f['callback-url']) out.publicUrl = checkUrl(f['callback-url'], '--callback-url').toString()
  const listen = f['callback-listen']
  if (listen !== undefined) {
    const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(listen)
    if (!m || Number(m[3]) > 65535) throw new KonformError(`--callback-listen must be HOST:PORT (e.g. 127.0.0.1:8089 or [::1]:8089), not ${listen}`)
    out.host = m[1] ?? m[2]
    out.port = Number(m[3])
  }
  return out
}

/** konform's test issuer on a --target (AUTH-RS-003 to 006, 011): its key file and what the target was told to trust. */
export const issuerFlags = {
  'issuer-key': Flags.string({ description: "The private key of konform's test issuer (as served by konform auth issuer --key); the target must trust it.", helpValue: 'FILE' }),
  issuer: Flags.string({ description: 'The iss the target trusts for that key (konform auth issuer prints it).', helpValue: 'ISS' }),
  audience: Flags.string({ description: 'The aud the target expects in tokens of that issuer (skolverket-dnp: usually "nutid").', helpValue: 'AUD' }),
}

export async function issuerFrom(
  f: { 'issuer-key'?: string; issuer?: string; audience?: string; target?: string; profile?: string },
): Promise<{ key: ClientKey; trust: IssuerTrust } | undefined> {
  const given = [f['issuer-key'], f.issuer, f.audience].filter((v) => v !== undefined).length
  if (!given) return undefined
  if (!f.target) throw new KonformError('--issuer-key, --issuer and --audience are for a --target; the built-in server trusts a test issuer of its own')
  if (given < 3) throw new KonformError('give --issuer-key, --issuer and --audience together (what the target was configured to trust)')
  const key = await loadClientKey(f['issuer-key']!)
  return { key, trust: { issuer: f.issuer!, audience: f.audience!, dnpLocation: f.profile === 'skolverket-dnp' ? f.target : undefined } }
}

/** Mutual TLS toward a --target: konform's client certificate and key, and a CA for a private server certificate. */
export const tlsFlags = {
  'client-cert': Flags.string({ description: 'Client certificate (PEM) konform presents for mutual TLS; its key in --client-key.', helpValue: 'FILE' }),
  ca: Flags.string({ description: "CA certificate(s) (PEM) to trust for the target's server certificate (a test PKI).", helpValue: 'FILE' }),
}

export async function tlsFrom(f: { 'client-cert'?: string; 'client-key'?: string; ca?: string; target?: string }): Promise<ClientTls | undefined> {
  if (!f['client-cert'] && !f.ca) return undefined
  if (!f.target) throw new KonformError('--client-cert and --ca are for a --target; the built-in server makes its own test PKI (--profile mtls)')
  if (f['client-cert'] && !f['client-key']) throw new KonformError('--client-cert needs its private key in --client-key')
  const read = async (file: string, what: string, marker: RegExp) => {
    const text = await readFile(file, 'utf8').catch((err: unknown) => {
      throw new KonformError(`cannot read ${what} ${file}: ${oneLine(err)}`)
    })
    // Never echo the content: it may be a private key.
    if (!marker.test(text)) throw new KonformError(`${file} is not a PEM ${what}`)
    return text
  }
  return {
    cert: f['client-cert'] ? await read(f['client-cert'], 'certificate', /-----BEGIN CERTIFICATE-----/) : undefined,
    key: f['client-cert'] ? await read(f['client-key']!, 'private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/) : undefined,
    ca: f.ca ? await read(f.ca, 'certificate', /-----BEGIN CERTIFICATE-----/) : undefined,
  }
}
// ---- evidence flags (issue #7: item tested, responsibility, waivers, evidence mode) ----------------------------

export const evidenceFlags = {
  about: Flags.string({
    description: 'JSON or YAML file about the item tested and who tested it: vendor, product, version, tenant, capabilities, configuration, testedBy, customer, organisation, signer.',
    helpValue: 'FILE',
  }),
  vendor: Flags.string({ description: 'Vendor of the system tested (overrides --about).' }),
  product: Flags.string({ description: 'Product name of the system tested (overrides --about).' }),
  'product-version': Flags.string({ description: 'Version or release label of the system tested (overrides --about).' }),
  'tested-by': Flags.string({ description: 'Who ran the test (person or organisation; overrides --about).' }),
  customer: Flags.string({ description: 'For whom the test was run (overrides --about).' }),
  waivers: Flags.string({ description: 'YAML/JSON list of known failures to accept: check, optional operation, reason, expires (YYYY-MM-DD), optional by.', helpValue: 'FILE' }),
  evidence: Flags.string({
    description: 'redacted (default): personal data and secrets redacted, the report is evidence. full: personal data kept raw for local debugging; the report is marked NOT evidence and cannot be signed.',
    options: ['redacted', 'full'],
    default: 'redacted',
  }),
}

/** --about FILE merged with the single flags that override it; undefined when nothing was given. */
export async function aboutFrom(f: {
  about?: string
  vendor?: string
  product?: string
  'product-version'?: string
  'tested-by'?: string
  customer?: string
}): Promise<About | undefined> {
  const about: About = f.about ? await readAbout(f.about) : {}
  if (f.vendor) about.vendor = f.vendor
  if (f.product) about.product = f.product
  if (f['product-version']) about.version = f['product-version']
  if (f['tested-by']) about.testedBy = f['tested-by']
  if (f.customer) about.customer = f.customer
  return Object.keys(about).length ? about : undefined
}

// ---- export3: what the customer or vendor declares for the export checks (issue #5) ----------------------------

export const declaredFlags = {
  'retention-days': Flags.integer({ description: 'Days the vendor declares /deletedEntities keeps a deletion (EXPORT-TOMBSTONE-024; or retentionDays in the --about configuration).', min: 1 }),
  'organisation-records': Flags.integer({ description: 'Records the organisation holds across the exported lists, for the projected time of a full export (EXPORT-DURATION-032; or organisationRecords in the --about configuration).', min: 1 }),
  'export-register': Flags.string({ description: 'The vendor\'s export register (Data Act Art. 26(b)): JSON or YAML list of the SS 12000 lists it declares exportable, or {lists, outside} (EXPORT-REGISTER-030).', helpValue: 'FILE' }),
  'export-threshold-hours': Flags.integer({ description: "The procurement's limit for a full export, in hours (EXPORT-DURATION-032; default 24; or exportThresholdHours in the --about configuration).", min: 1 }),
}
// ---- end export3 ----

export const NOT_EVIDENCE_WARNING =
  '--evidence full: personal data is kept unredacted in every report of this run; the reports are marked NOT evidence, cannot be signed and must not leave this machine'
// ---- auth3: RFC 8705 second client certificate, another huvudman's location (issue #6, wip-auth3) ----

export const auth3Flags = {
  'other-client-cert': Flags.string({
    description: 'A second client certificate (PEM) the target trusts, for AUTH-RS-009 (a certificate-bound token on another client\'s connection is refused); its key in --other-client-key.',
    helpValue: 'FILE',
  }),
  'other-client-key': Flags.string({ description: 'The private key of --other-client-cert (PEM).', helpValue: 'FILE' }),
  'other-location': Flags.string({
    description: 'skolverket-dnp: the API base URL of another huvudman on the same system, for AUTH-RS-010 (its token must not read this one\'s data).',
    helpValue: 'URL',
  }),
}

export async function auth3From(f: {
  'other-client-cert'?: string
  'other-client-key'?: string
  'other-location'?: string
  target?: string
}): Promise<{ otherClientTls?: { cert: string; key: string }; otherLocation?: string }> {
  const given = [f['other-client-cert'], f['other-client-key'], f['other-location']].some((v) => v !== undefined)
  if (!given) return {}
  if (!f.target) throw new KonformError('--other-client-cert, --other-client-key and --other-location are for a --target; the built-in server provides its own')
  if (!!f['other-client-cert'] !== !!f['other-client-key']) throw new KonformError('give --other-client-cert and --other-client-key together')
  const read = async (file: string, what: string, marker: RegExp) => {
    const text = await readFile(file, 'utf8').catch((err: unknown) => {
      throw new KonformError(`cannot read ${what} ${file}: ${oneLine(err)}`)
    })
    // Never echo the content: it may be a private key.
    if (!marker.test(text)) throw new KonformError(`${file} is not a PEM ${what}`)
    return text
  }
  return {
    ...(f['other-client-cert']
      ? {
          otherClientTls: {
            cert: await read(f['other-client-cert'], 'certificate', /-----BEGIN CERTIFICATE-----/),
            key: await read(f['other-client-key']!, 'private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/),
          },
        }
      : {}),
    ...(f['other-location'] ? { otherLocation: checkUrl(f['other-location'], '--other-location').toString().replace(/\/+$/, '') } : {}),
  }
}
// ---- end auth3 ----
