// Flags shared by commands, and the mapping flags + environment -> RunOptions. Secrets come only from the
// environment (KONFORM_TOKEN, KONFORM_CLIENT_SECRET), never from flags, so they stay out of shell history.

import { Flags } from '@oclif/core'
import type { AuthConfig } from '../http/client.js'
import { KonformError } from '../errors.js'
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

/** The target's auth from flags and environment; refuses half-given or conflicting settings. */
export function authFrom(f: { 'token-url'?: string; 'client-id'?: string; scope?: string }, env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const token = env.KONFORM_TOKEN?.trim()
  const secret = env.KONFORM_CLIENT_SECRET
  if (f['token-url']) {
    if (token) throw new KonformError('give either KONFORM_TOKEN or --token-url, not both')
    if (!f['client-id']) throw new KonformError('--token-url needs --client-id (and the secret in KONFORM_CLIENT_SECRET)')
    if (!secret) throw new KonformError('--token-url needs the client secret in the environment variable KONFORM_CLIENT_SECRET')
    checkUrl(f['token-url'], '--token-url')
    return { kind: 'client-credentials', tokenUrl: f['token-url'], clientId: f['client-id'], clientSecret: secret, scope: f.scope }
  }
  if (f['client-id']) throw new KonformError('--client-id needs --token-url')
  if (token) return { kind: 'bearer', token }
  return { kind: 'none' }
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

export const NOT_EVIDENCE_WARNING =
  '--evidence full: personal data is kept unredacted in every report of this run; the reports are marked NOT evidence, cannot be signed and must not leave this machine'
