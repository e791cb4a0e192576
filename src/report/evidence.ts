// What makes a run's results usable as procurement evidence (issue #7, shared/notes/export-evidence.md §5,
// R-01 … R-16): identity of the tool, the method and the item tested, who tested for whom, deviations and limits,
// validity, and waivers. Pure functions except the small file readers (--about, --waivers) and gitCommit().

import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import os from 'node:os'
import YAML from 'yaml'
import type { Check } from '../core/check.js'
import {
  mustPassed,
  summarise,
  VERDICT_RULE,
  VERDICT_RULE_WAIVERS,
  type About,
  type Bilingual,
  type CheckResult,
  type RunResult,
  type Waiver,
  type WaiverUse,
} from '../core/result.js'
import { allRequirements } from '../core/requirements.js'
import { KonformError, oneLine } from '../errors.js'
import { projectRoot } from '../paths.js'
import { canonicalJson } from './jcs.js'

const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex')

export const REPORT_TITLE: Bilingual = {
  en: 'SS 12000 conformance test report',
  sv: 'Rapport från provning av överensstämmelse med SS 12000',
}

export const CLOCK_SOURCE = 'system clock of the host that ran konform, in UTC'

/** git commit of konform's own checkout, or 'unknown' (an installed package has no .git). */
export function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: projectRoot(), stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 })
      .toString()
      .trim()
  } catch {
    return 'unknown'
  }
}

export function platform(): string {
  return `${os.type()} ${os.release()} ${process.arch}`
}

/** SHA-256 of the check catalogue: every check's id, severity, requirements and profiles, canonical JSON. */
export function catalogueSha256(checks: readonly Check[]): string {
  const entries = [...checks]
    .map((c) => ({ id: c.id, severity: c.severity, requirements: [...c.requirements], profiles: [...c.profiles], needs: [...(c.needs ?? [])] }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return sha256(canonicalJson(entries))
}

/** SHA-256 of a profile: its name, operations and the checks of the catalogue that belong to it. */
export function profileSha256(name: string, operations: readonly string[], checks: readonly Check[]): string {
  const ids = checks
    .filter((c) => c.profiles.includes(name))
    .map((c) => `${c.id}:${c.severity}`)
    .sort()
  return sha256(canonicalJson({ name, operations: [...operations], checks: ids }))
}

export const REDACTION_RULES: Bilingual[] = [
  {
    en: 'Secrets (Authorization, Cookie and API-key headers, access tokens, client secrets, values of KONFORM_TOKEN and KONFORM_CLIENT_SECRET, also percent-encoded) are replaced by labelled markers such as «access-token».',
    sv: 'Hemligheter (Authorization-, Cookie- och API-nyckelhuvuden, åtkomsttoken, klienthemligheter, värdena i KONFORM_TOKEN och KONFORM_CLIENT_SECRET, även procentkodade) ersätts med märkta platshållare som «access-token».',
  },
  {
    en: 'Personal data (civic numbers in any field or free text, names, e-mail addresses, phone numbers, street addresses, eduPersonPrincipalNames, account names (externalIdentifiers), birth dates, photos) is replaced by stable pseudonyms: the same value has the same pseudonym within this report.',
    sv: 'Personuppgifter (person- och samordningsnummer i alla fält och i fritext, namn, e-postadresser, telefonnummer, gatuadresser, eduPersonPrincipalName, kontonamn (externalIdentifiers), födelsedatum, foton) ersätts med stabila pseudonymer: samma värde får samma pseudonym i hela rapporten.',
  },
  {
    en: 'Findings, notes and reasons are redacted like the exchanges; response bodies are redacted whole before an excerpt is cut.',
    sv: 'Avvikelser, anteckningar och orsaker maskeras som anropen; svarsinnehåll maskeras i sin helhet innan ett utdrag tas.',
  },
]

export const NON_DETERMINISM: Bilingual[] = [
  {
    en: 'Checks run concurrently: exchange ids, start times and durations differ between runs; results are listed in catalogue order.',
    sv: 'Kontrollerna körs samtidigt: anrops-id, starttider och tidsåtgång skiljer sig mellan körningar; resultaten listas i katalogordning.',
  },
  {
    en: 'Pseudonym numbers («name-3») follow the order in which values were first seen, so they may differ between runs.',
    sv: 'Pseudonymernas nummer («name-3») följer ordningen i vilken värdena först sågs och kan skilja sig mellan körningar.',
  },
  {
    en: "The target's own data may change between runs; checks sample records from what the lists return at the time.",
    sv: 'Målets egna data kan ändras mellan körningar; kontrollerna väljer poster ur det listorna returnerar vid tillfället.',
  },
]

/** The statement of what a run did not cover (R-12). */
export function limitationsOf(run: Pick<RunResult, 'limits' | 'target' | 'suites'>): Bilingual[] {
  const out: Bilingual[] = []
  if (!run.limits.allowWrites) {
    out.push({
      en: 'Read-only: checks that create, change or delete data on the target were not run (no --allow-writes).',
      sv: 'Endast läsning: kontroller som skapar, ändrar eller tar bort data i målet kördes inte (ingen --allow-writes).',
    })
  }
  out.push({
    en: 'Requirements that only a contract or a manual review can show (service levels, support, data processing agreements) are not tested by konform.',
    sv: 'Krav som bara ett avtal eller en manuell granskning kan visa (servicenivåer, support, personuppgiftsbiträdesavtal) provas inte av konform.',
  })
  const missing = (['api', 'auth', 'export'] as const).filter((s) => !run.suites.includes(s))
  if (missing.length) {
    out.push({
      en: `Suites not run: ${missing.join(', ')}.`,
      sv: `Sviter som inte kördes: ${missing.join(', ')}.`,
    })
  }
  if (run.target.builtIn) {
    out.push({
      en: "The target was konform's built-in reference server: this run demonstrates the tool, it says nothing about a vendor's system.",
      sv: 'Målet var konforms inbyggda referensserver: körningen visar verktyget och säger inget om en leverantörs system.',
    })
  }
  return out
}

export const VALIDITY_MONTHS = 12

/** R-14: valid for the stated product version and configuration, at most 12 months from the run. */
export function validityOf(startedAt: string, about: About | undefined): RunResult['validity'] {
  const until = new Date(startedAt)
  until.setUTCMonth(until.getUTCMonth() + VALIDITY_MONTHS)
  const version = about?.version
  const product = [about?.product, version].filter(Boolean).join(' ')
  return {
    validUntil: until.toISOString(),
    statement: {
      en: `This result is valid only for ${product ? `the product version tested (${product})` : 'the deployment tested (no product version was declared)'} in the configuration stated, as it answered during the stated time. Re-test after a new version, a configuration change or a change of konform's check catalogue, and at the latest ${until.toISOString().slice(0, 10)} (${VALIDITY_MONTHS} months).`,
      sv: `Resultatet gäller endast ${product ? `den provade produktversionen (${product})` : 'den provade installationen (ingen produktversion angavs)'} i angiven konfiguration, så som den svarade under angiven tid. Prova igen efter en ny version, en ändrad konfiguration eller en ändrad kontrollkatalog i konform, och senast ${until.toISOString().slice(0, 10)} (${VALIDITY_MONTHS} månader).`,
    },
  }
}

export function deviationsOf(run: Pick<RunResult, 'limits' | 'target' | 'suites' | 'results'>): NonNullable<RunResult['deviations']> {
  const tested = new Set(run.results.flatMap((r) => r.requirements))
  return {
    skipped: run.results.filter((r) => r.status === 'skip').map((r) => ({ name: r.name, reason: r.reason ?? '' })),
    limitations: limitationsOf(run),
    notTested: allRequirements()
      .map((r) => r.ref)
      .filter((ref) => !tested.has(ref)),
  }
}

// ---- --about FILE ----------------------------------------------------------------------------------------------

const ABOUT_STRINGS = ['vendor', 'product', 'version', 'tenant', 'testedBy', 'customer', 'organisation', 'signer'] as const

async function readStructured(file: string, what: string): Promise<unknown> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (err) {
    throw new KonformError(`cannot read the ${what} ${file}: ${oneLine(err)}`)
  }
  try {
    return YAML.parse(text) as unknown // YAML 1.2 is a superset of JSON
  } catch (err) {
    throw new KonformError(`${file} is neither JSON nor YAML: ${oneLine(err)}`)
  }
}

/** The item tested (R-04) and responsibility (R-13) from a small JSON/YAML file; a one-line KonformError if malformed. */
export async function readAbout(file: string): Promise<About> {
  return parseAbout(await readStructured(file, '--about file'), file)
}

export function parseAbout(value: unknown, file = '--about'): About {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new KonformError(`${file}: expected an object with vendor, product, version …`)
  const v = value as Record<string, unknown>
  const about: About = {}
  for (const key of Object.keys(v)) {
    const x = v[key]
    if ((ABOUT_STRINGS as readonly string[]).includes(key)) {
      if (typeof x !== 'string' && typeof x !== 'number') throw new KonformError(`${file}: ${key} must be a string`)
      about[key as (typeof ABOUT_STRINGS)[number]] = String(x)
    } else if (key === 'capabilities') {
      if (!Array.isArray(x) || !x.every((c) => typeof c === 'string')) throw new KonformError(`${file}: capabilities must be a list of strings`)
      about.capabilities = [...(x as string[])]
    } else if (key === 'configuration') {
      if (x === null || typeof x !== 'object' || Array.isArray(x)) throw new KonformError(`${file}: configuration must be an object of label: value`)
      about.configuration = Object.fromEntries(Object.entries(x as Record<string, unknown>).map(([k, c]) => [k, String(c)]))
    } else {
      throw new KonformError(`${file}: unknown key ${JSON.stringify(key)} (known: ${[...ABOUT_STRINGS, 'capabilities', 'configuration'].join(', ')})`)
    }
  }
  return about
}

// ---- waivers ---------------------------------------------------------------------------------------------------

const DATE = /^\d{4}-\d{2}-\d{2}$/

/** A waivers file: a list (or {waivers: [...]}) of {check, operation?, reason, expires, by?}. */
export async function readWaivers(file: string): Promise<Waiver[]> {
  return parseWaivers(await readStructured(file, '--waivers file'), file)
}

export function parseWaivers(value: unknown, file = '--waivers'): Waiver[] {
  const list = Array.isArray(value) ? value : (value as { waivers?: unknown } | null)?.waivers
  if (!Array.isArray(list)) throw new KonformError(`${file}: expected a list of waivers (check, reason, expires)`)
  return list.map((w: unknown, i): Waiver => {
    const at = `${file}: waiver ${i + 1}`
    if (w === null || typeof w !== 'object' || Array.isArray(w)) throw new KonformError(`${at} is not an object`)
    const o = w as Record<string, unknown>
    for (const k of Object.keys(o)) if (!['check', 'operation', 'reason', 'expires', 'by'].includes(k)) throw new KonformError(`${at}: unknown key ${JSON.stringify(k)}`)
    if (typeof o.check !== 'string' || !o.check.trim()) throw new KonformError(`${at}: needs a check id`)
    if (typeof o.reason !== 'string' || !o.reason.trim()) throw new KonformError(`${at} (${o.check}): needs a reason`)
    // YAML reads an unquoted 2026-12-31 as a date.
    const expires = o.expires instanceof Date ? o.expires.toISOString().slice(0, 10) : o.expires
    if (typeof expires !== 'string' || !DATE.test(expires) || Number.isNaN(Date.parse(`${expires}T00:00:00Z`))) {
      throw new KonformError(`${at} (${o.check}): expires must be a date YYYY-MM-DD`)
    }
    if (o.operation !== undefined && typeof o.operation !== 'string') throw new KonformError(`${at} (${o.check}): operation must be a string such as "GET /persons"`)
    if (o.by !== undefined && typeof o.by !== 'string') throw new KonformError(`${at} (${o.check}): by must be a string`)
    return {
      check: o.check.trim(),
      ...(o.operation !== undefined ? { operation: o.operation.trim() } : {}),
      reason: o.reason.trim(),
      expires,
      ...(o.by !== undefined ? { by: o.by } : {}),
    }
  })
}

const matches = (w: Waiver, r: CheckResult): boolean => w.check === r.checkId && (w.operation === undefined || w.operation === r.operation)

/**
 * The run with `waivers` applied as of `today` (YYYY-MM-DD, UTC): a failing or erroring result a waiver covers is
 * marked waived (its status stays, so nothing is hidden), or expired when the waiver ended before `today`; each
 * waiver is reported as applied, expired or unused; summary and verdict are recomputed with the waiver rule.
 * Waivers recorded earlier in `run` are replaced. Pure.
 */
export function applyWaivers(run: RunResult, waivers: readonly Waiver[], today: string): RunResult {
  const uses: WaiverUse[] = waivers.map((w) => ({ ...w, state: 'unused', results: [] }))
  const results = run.results.map((r) => {
    const { waiver: _old, ...rest } = r
    const base: CheckResult = rest
    if (r.status !== 'fail' && r.status !== 'error') return base
    const i = waivers.findIndex((w) => matches(w, r))
    if (i === -1) return base
    const w = waivers[i]
    const expired = w.expires < today
    uses[i].state = expired ? 'expired' : 'applied'
    uses[i].results.push(r.name)
    return { ...base, waiver: { reason: w.reason, expires: w.expires, ...(w.by ? { by: w.by } : {}), expired } }
  })
  const out: RunResult = { ...run, results, summary: summarise(results) }
  if (waivers.length) {
    out.waivers = uses
    out.verdict = { passed: mustPassed(results), rule: VERDICT_RULE_WAIVERS }
  } else {
    delete out.waivers
    out.verdict = { passed: mustPassed(results), rule: VERDICT_RULE }
  }
  return out
}
