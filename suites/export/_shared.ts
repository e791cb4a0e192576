// Helpers the export checks share: the lists a profile exports, whole-list walks that keep the records, the
// deletions, references between records, and reading an earlier archive (--baseline).

import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { CheckContext, QueryValue } from '../../src/core/context.js'
import { CheckSkip } from '../../src/core/failure.js'
import type { Operation } from '../../src/spec/operations.js'
import { hasParam, requiredQuery } from '../api/_shared.js'
import { PROFILES } from '../profiles.js'

export const DELETED = 'GET /deletedEntities'
/** A bound on the pages of one walk (a list that still offers a pageToken after it does not end). */
export const MAX_PAGES = 10_000

export type Rec = Record<string, unknown> & { id?: unknown }

/** The record lists of the profile. */
export const recordLists = (ops: readonly Operation[]) => ops.filter((o) => o.recordList)
/** What an export reads: the record lists and /deletedEntities. */
export const exportLists = (ops: readonly Operation[]) => ops.filter((o) => o.recordList || o.key === DELETED)
export const deletedOp = (ops: readonly Operation[]) => ops.filter((o) => o.key === DELETED)
/** Applies only when the profile has /deletedEntities. */
export const withDeleted = (ops: readonly Operation[]): true | { en: string; sv: string } =>
  ops.some((o) => o.key === DELETED) ? true : { en: 'the profile has no GET /deletedEntities', sv: 'profilen har ingen GET /deletedEntities' }

/** 'GET /persons' -> 'persons' (the NDJSON file name of an export). */
export const entityOf = (op: Operation) => op.path.replace(/^\/+/, '').replace(/\//g, '_')

export interface ListWalk {
  records: Rec[]
  pages: number
  exchanges: string[]
}

/**
 * Follows pageToken from the first page to the end and keeps every record. Fails when a page is not a 200 list
 * page, a token repeats, empty pages keep carrying tokens, or the walk passes MAX_PAGES.
 */
export async function walkList(ctx: CheckContext, op: Operation, o: { limit?: number; query?: Record<string, QueryValue> } = {}): Promise<ListWalk> {
  const walk: ListWalk = { records: [], pages: 0, exchanges: [] }
  await walkPages(ctx, op, o, walk.exchanges, (data, n, ex) => {
    if (!Array.isArray(data)) ctx.fail({ en: `page ${n} of ${op.key} has no data array`, sv: `sida ${n} av ${op.key} har ingen data-lista` }, { evidence: [ex] })
    walk.records.push(...(data as Rec[]))
    walk.pages = n
    return data.length
  })
  return walk
}

/** /deletedEntities walked to its end: the deleted ids per member (persons, groups …). */
export async function walkDeleted(ctx: CheckContext, op: Operation, query: Record<string, QueryValue> = {}): Promise<{ ids: Map<string, string[]>; exchanges: string[] }> {
  const ids = new Map<string, string[]>()
  const exchanges: string[] = []
  await walkPages(ctx, op, { query }, exchanges, (data, n, ex) => {
    if (!data || typeof data !== 'object' || Array.isArray(data)) ctx.fail({ en: `page ${n} of ${op.key} has no data object`, sv: `sida ${n} av ${op.key} har inget data-objekt` }, { evidence: [ex] })
    let count = 0
    for (const [type, list] of Object.entries(data as Record<string, unknown>)) {
      if (!Array.isArray(list)) continue
      const into = ids.get(type) ?? ids.set(type, []).get(type)!
      for (const id of list) if (typeof id === 'string') into.push(id), count++
    }
    return count
  })
  return { ids, exchanges }
}

async function walkPages(
  ctx: CheckContext,
  op: Operation,
  o: { limit?: number; query?: Record<string, QueryValue> },
  exchanges: string[],
  onPage: (data: unknown, n: number, exchange: string) => number,
): Promise<void> {
  const seen = new Set<string>()
  let emptyRun = 0
  const limit = o.limit !== undefined && hasParam(op, 'limit') ? o.limit : undefined
  let query: Record<string, QueryValue | undefined> = { ...requiredQuery(op), ...o.query, limit }
  for (let n = 1; ; n++) {
    const res = await ctx.call(op, { query })
    exchanges.push(res.exchangeId)
    ctx.expectStatus(res, 200, { en: `page ${n} of ${op.key} was not served`, sv: `sida ${n} av ${op.key} levererades inte` })
    const body = ctx.expectJson(res, { en: `page ${n} of ${op.key}`, sv: `sida ${n} av ${op.key}` }) as { data?: unknown; pageToken?: unknown }
    if (!body || typeof body !== 'object') ctx.fail({ en: `page ${n} of ${op.key} is not a JSON object`, sv: `sida ${n} av ${op.key} är inte ett JSON-objekt` }, { evidence: [res.exchangeId] })
    const count = onPage(body.data, n, res.exchangeId)
    const token = body.pageToken
    if (token === null || token === undefined || token === '') return
    if (typeof token !== 'string') ctx.fail({ en: `pageToken of ${op.key} is not a string or null`, sv: `pageToken i ${op.key} är varken en sträng eller null` }, { actual: JSON.stringify(token), evidence: [res.exchangeId] })
    if (seen.has(token)) ctx.fail({ en: `the walk of ${op.key} does not end: page ${n} repeats an earlier pageToken`, sv: `genomgången av ${op.key} tar aldrig slut: sida ${n} upprepar en tidigare pageToken` }, { evidence: [res.exchangeId] })
    seen.add(token)
    emptyRun = count ? 0 : emptyRun + 1
    if (emptyRun >= 3) {
      ctx.fail({ en: `the walk of ${op.key} does not end: pages without records keep carrying a pageToken`, sv: `genomgången av ${op.key} tar aldrig slut: sidor utan poster fortsätter att bära en pageToken` }, {
        expected: { en: 'pageToken null (or absent) on the last page', sv: 'pageToken null (eller utelämnad) på sista sidan' },
        actual: { en: `${emptyRun} empty pages in a row, each with a new pageToken`, sv: `${emptyRun} tomma sidor i rad, var och en med en ny pageToken` },
        evidence: [res.exchangeId],
      })
    }
    if (n >= MAX_PAGES) ctx.fail({ en: `the walk of ${op.key} does not end within ${MAX_PAGES} pages`, sv: `genomgången av ${op.key} tar inte slut inom ${MAX_PAGES} sidor` }, { evidence: [res.exchangeId] })
    query = { pageToken: token, limit }
  }
}

/** The whole export of the profile: entity -> records (walked without limit), and the exchanges behind it. */
export async function harvestAll(ctx: CheckContext, ops: readonly Operation[]): Promise<{ records: Map<string, Rec[]>; exchanges: string[] }> {
  const records = new Map<string, Rec[]>()
  const exchanges: string[] = []
  for (const op of recordLists(ops)) {
    const w = await walkList(ctx, op)
    records.set(entityOf(op), w.records)
    exchanges.push(...w.exchanges)
  }
  return { records, exchanges }
}

/** The operations of the run's profile (for checks that are not forEach). */
export function profileOps(ctx: CheckContext): Operation[] {
  return (PROFILES[ctx.plan.profile]?.operations ?? []).flatMap((k) => ctx.spec.operation(k) ?? [])
}

export const idOf = (r: unknown) => (r && typeof r === 'object' ? (r as Rec).id : undefined)

/** The property an ObjectReference sits under -> the list its target belongs to. */
export const REFERENCE_TARGETS: Readonly<Record<string, string>> = {
  parentOrganisation: 'organisations',
  organisation: 'organisations',
  enroledAt: 'organisations',
  dutyAt: 'organisations',
  placedAt: 'organisations',
  schoolUnit: 'organisations',
  owner: 'organisations',
  person: 'persons',
  student: 'persons',
  group: 'groups',
  groups: 'groups',
  duty: 'duties',
  activity: 'activities',
  parentActivity: 'activities',
  syllabus: 'syllabuses',
  programme: 'programmes',
  room: 'rooms',
  rooms: 'rooms',
  resource: 'resources',
  resources: 'resources',
  studyPlan: 'studyPlans',
  placement: 'placements',
}

export interface Reference {
  /** 'enrolments[0].enroledAt' */
  path: string
  /** The property it sits under: 'enroledAt'. */
  key: string
  id: string
}

/** ObjectReferences in a record: objects with a string id below the top level (outside _embedded). */
export function referencesIn(v: unknown, at = '', key = '', depth = 0): Reference[] {
  if (!v || typeof v !== 'object') return []
  if (Array.isArray(v)) return v.flatMap((x, i) => referencesIn(x, `${at}[${i}]`, key, depth))
  const o = v as Record<string, unknown>
  const here = depth > 0 && typeof o.id === 'string' ? [{ path: at, key, id: o.id }] : []
  return [
    ...here,
    ...Object.entries(o)
      .filter(([k]) => k !== '_embedded' && k !== 'meta')
      .flatMap(([k, x]) => referencesIn(x, at ? `${at}.${k}` : k, k, depth + 1)),
  ]
}

/** JSON with object keys sorted: the same record served with its members in another order compares equal. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`
  }
  return JSON.stringify(v) ?? 'null'
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** An earlier export (a bag from konform export) as the checks compare against it. */
export interface Baseline {
  dir: string
  cursor: string
  /** entity -> id -> canonical record */
  records: Map<string, Map<string, string>>
}

/** The run's --baseline bag, read whole (records as canonical JSON); the check skips when none was given. */
export async function readBaseline(ctx: CheckContext): Promise<Baseline> {
  const dir = ctx.plan.baseline
  if (!dir) throw new CheckSkip({ en: 'needs an earlier export of this target to compare with (--baseline DIR)', sv: 'kräver en tidigare export av målet att jämföra med (--baseline DIR)' })
  let manifest: { harvest?: { cursor?: unknown }; files?: { path?: unknown; entity?: unknown; format?: unknown }[] }
  try {
    manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'))
  } catch (err) {
    throw new CheckSkip({ en: `the baseline ${dir} has no readable manifest.json (${(err as Error).message})`, sv: `jämförelseexporten ${dir} har ingen läsbar manifest.json (${(err as Error).message})` })
  }
  const cursor = manifest.harvest?.cursor
  if (typeof cursor !== 'string') throw new CheckSkip({ en: `the baseline's manifest.json has no harvest cursor`, sv: 'jämförelseexportens manifest.json har ingen markör (harvest cursor)' })
  const records = new Map<string, Map<string, string>>()
  for (const f of manifest.files ?? []) {
    if (f.format !== 'ndjson' || typeof f.path !== 'string' || typeof f.entity !== 'string') continue
    const byId = new Map<string, string>()
    for (const line of (await readFile(path.join(dir, f.path), 'utf8')).split('\n')) {
      if (!line) continue
      const rec = JSON.parse(line) as Rec
      if (typeof rec.id === 'string') byId.set(rec.id, canonical(rec))
    }
    records.set(f.entity, byId)
  }
  ctx.note({ en: `baseline: ${dir}, harvested from cursor ${cursor}`, sv: `jämförelseexport: ${dir}, hämtad från markören ${cursor}` })
  return { dir, cursor, records }
}

/** 'a, b, c (and 7 more)' */
/** The first n items and how many more, in no language: '(+3)' (findings are read in Swedish and English). */
export function few(items: readonly string[], n = 5): string {
  return items.length <= n ? items.join(', ') : `${items.slice(0, n).join(', ')} … (+${items.length - n})`
}

/** Where a declared value came from, in both languages (a flag name reads the same in both). */
export function declaredSource(ctx: CheckContext, key: 'retentionDays' | 'organisationRecords' | 'thresholdHours' | 'register'): { en: string; sv: string } {
  const d = ctx.plan.declared
  const en = d?.sources[key]
  return { en: en ?? 'declared', sv: d?.sourcesSv?.[key] ?? en ?? 'angivet' }
}
