// What only the customer or the vendor can say, which some export checks measure the target against: the
// tombstone retention the vendor declares (EXPORT-TOMBSTONE-024), the organisation's size and the procurement's
// time limit for a full export (EXPORT-DURATION-032). From flags, else from the --about file's configuration
// (retentionDays, organisationRecords, exportThresholdHours); on the built-in server from the data it serves.
// A check whose input is missing is skipped with that reason, never passed.

import { readFile } from 'node:fs/promises'
import YAML from 'yaml'
import type { Dataset } from '../../fixtures/generate.js'
import type { About } from '../core/result.js'
import { KonformError, oneLine } from '../errors.js'

export interface Declared {
  /** Days the vendor says /deletedEntities keeps a deletion. */
  retentionDays?: number
  /** Records the organisation holds across the exported lists (for the projected time of a full export). */
  organisationRecords?: number
  /** The procurement's limit for a full export, in hours (default 24). */
  thresholdHours?: number
  /** The vendor's export register (Data Act Art. 26(b)): the SS 12000 lists it says can be exported, and categories outside SS 12000. */
  register?: ExportRegister
  /** Where each value came from, for the report. */
  sources: Partial<Record<'retentionDays' | 'organisationRecords' | 'thresholdHours' | 'register', string>>
  /** The same in Swedish where a source is prose (the built-in server's); a flag name needs none. */
  sourcesSv?: Partial<Record<'retentionDays' | 'organisationRecords' | 'thresholdHours' | 'register', string>>
}

export interface ExportRegister {
  /** SS 12000 lists by path name: 'persons', 'groups', 'studyplans' … */
  lists: string[]
  /** Data categories the vendor declares outside SS 12000 (documents, messages …): not testable through the API. */
  outside: string[]
}

/** The lists an export register speaks of: every record list of SS 12000 but subscriptions (konform's own) and aggregatedAttendance (computed from attendances). */
export const REGISTER_EXCLUDES: readonly string[] = ['subscriptions', 'aggregatedAttendance']

export interface DeclaredFlags {
  'retention-days'?: number
  'organisation-records'?: number
  'export-threshold-hours'?: number
  'export-register'?: string
}

const KEYS = [
  ['retentionDays', 'retention-days'],
  ['organisationRecords', 'organisation-records'],
  ['thresholdHours', 'export-threshold-hours'],
] as const

/** The about file's configuration key for each value. */
const ABOUT_KEYS = { retentionDays: 'retentionDays', organisationRecords: 'organisationRecords', thresholdHours: 'exportThresholdHours' } as const

/**
 * --export-register FILE: JSON or YAML, a list of SS 12000 list names (["persons", "groups", …]) or
 * {lists: [...], outside: ["documents", …]}. A malformed file is a one-line usage error.
 */
export async function readRegister(file: string): Promise<ExportRegister> {
  let raw: unknown
  try {
    raw = YAML.parse(await readFile(file, 'utf8')) as unknown
  } catch (err) {
    throw new KonformError(`--export-register ${file} cannot be read as JSON or YAML: ${oneLine(err)}`)
  }
  const obj = Array.isArray(raw) ? { lists: raw } : (raw as { lists?: unknown; outside?: unknown } | null)
  const strings = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string' && x.trim() !== '')
  if (!obj || typeof obj !== 'object' || !strings(obj.lists) || (obj.outside !== undefined && !strings(obj.outside))) {
    throw new KonformError(`--export-register ${file}: expected a list of SS 12000 lists (["persons", "groups"]) or {lists: [...], outside: [...]}`)
  }
  return { lists: (obj.lists as string[]).map((s) => s.trim().replace(/^\/+/, '')), outside: ((obj.outside as string[] | undefined) ?? []).map((s) => s.trim()) }
}

/** Flags win over the --about file's configuration; a malformed about value is a one-line usage error. */
export async function declaredFrom(flags: DeclaredFlags, about?: About): Promise<Declared> {
  const out: Declared = { sources: {} }
  if (flags['export-register'] !== undefined) {
    out.register = await readRegister(flags['export-register'])
    out.sources.register = `--export-register ${flags['export-register']}`
  }
  for (const [key, flag] of KEYS) {
    const given = flags[flag]
    if (given !== undefined) {
      out[key] = given
      out.sources[key] = `--${flag}`
      continue
    }
    const raw = about?.configuration?.[ABOUT_KEYS[key]]
    if (raw === undefined) continue
    const n = Number(raw)
    if (!Number.isFinite(n) || n <= 0) throw new KonformError(`--about: configuration ${ABOUT_KEYS[key]} must be a positive number, not ${JSON.stringify(raw)}`)
    out[key] = n
    out.sources[key] = `--about configuration ${ABOUT_KEYS[key]}`
  }
  return out
}

const DAY = 86_400_000

/** The procurement's limit for a full export when none is declared. */
export const DEFAULT_THRESHOLD_HOURS = 24

/**
 * The organisation the built-in server stands for: a large huvudman (a city's pupils, staff, groups, activities,
 * placements, attendance and grades over years come to a few million records). Its small dataset is the sample
 * the time per page is measured on.
 */
export const BUILT_IN_ORGANISATION_RECORDS = 5_000_000

/**
 * On the built-in server: it keeps every deletion, so it declares a retention that reaches 30 days past its oldest
 * one; it stands for an organisation of BUILT_IN_ORGANISATION_RECORDS records.
 */
export function builtInDeclared(d: Dataset, given: Declared, now = Date.now()): Declared {
  const out: Declared = { ...given, sources: { ...given.sources }, sourcesSv: { ...given.sourcesSv } }
  const oldest = Math.min(...(d.deletedEntities ?? []).map((e) => Date.parse(e.deletedAt)))
  if (out.retentionDays === undefined && Number.isFinite(oldest)) {
    out.retentionDays = Math.ceil((now - oldest) / DAY) + 30
    out.sources.retentionDays = "the built-in server (it keeps every deletion; 30 days past its oldest)"
    out.sourcesSv!.retentionDays = 'den inbyggda servern (den sparar varje borttag; 30 dagar längre tillbaka än det äldsta)'
  }
  if (out.register === undefined) {
    const lists = Object.entries(d)
      .filter(([k, v]) => Array.isArray(v) && v.length > 0 && k !== 'deletedEntities' && !REGISTER_EXCLUDES.includes(k))
      .map(([k]) => k)
    out.register = { lists, outside: [] }
    out.sources.register = 'the built-in server (every list its data fills)'
    out.sourcesSv!.register = 'den inbyggda servern (varje lista som dess data fyller)'
  }
  if (out.organisationRecords === undefined) {
    out.organisationRecords = BUILT_IN_ORGANISATION_RECORDS
    out.sources.organisationRecords = 'the built-in server (it stands for a large huvudman)'
    out.sourcesSv!.organisationRecords = 'den inbyggda servern (den motsvarar en stor huvudman)'
  }
  return out
}
