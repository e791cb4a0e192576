// Helpers the api checks share: choosing operations, filling required parameters, walking pages.

import { createHash } from 'node:crypto'
import { CheckSkip } from '../../src/core/failure.js'
import type { CheckContext, QueryValue } from '../../src/core/context.js'
import type { HttpResponse } from '../../src/http/client.js'
import type { Operation } from '../../src/spec/operations.js'

export const hasParam = (op: Operation, name: string) => op.parameters.some((p) => p.name === name && p.in === 'query')

/** Lists of records ({data: [...]}); /deletedEntities is a list op but not of records. */
export const listOps = (ops: readonly Operation[]) => ops.filter((o) => o.recordList)
export const pagedListOps = (ops: readonly Operation[]) => listOps(ops).filter((o) => hasParam(o, 'limit') && hasParam(o, 'pageToken'))
export const itemOps = (ops: readonly Operation[]) => ops.filter((o) => o.kind === 'item' && o.path.endsWith('/{id}'))
export const lookupOps = (ops: readonly Operation[]) => ops.filter((o) => o.kind === 'lookup')

/** The list operation that serves the same records: 'GET /persons/{id}' or 'POST /persons/lookup' -> 'GET /persons'. */
export function listOpFor(ctx: CheckContext, op: Operation): Operation {
  const listPath = op.path.replace(/\/(\{id\}|lookup)$/, '')
  const list = ctx.spec.operation(`GET ${listPath}`)
  if (!list) throw new Error(`no list operation for ${op.key}`)
  return list
}

/** Values for the query parameters an operation requires (calendarEvents' time window, …): a wide window. */
export function requiredQuery(op: Operation): Record<string, QueryValue> {
  const q: Record<string, QueryValue> = {}
  for (const p of op.parameters) {
    if (p.in !== 'query' || !p.required) continue
    const fmt = (p.schema as { format?: string }).format
    const early = /before|end/i.test(p.name) ? '2100-01-01' : '1900-01-01'
    q[p.name] = fmt === 'date-time' ? `${early}T00:00:00Z` : early
  }
  return q
}

/** A list page that must be 200 with a data array; returns the records. */
export function pageData(ctx: CheckContext, res: HttpResponse, op: Operation): unknown[] {
  ctx.expectStatus(res, 200, { en: `${op.key} did not answer 200`, sv: `${op.key} svarade inte 200` })
  const body = ctx.expectJson(res, { en: `the answer of ${op.key}`, sv: `svaret från ${op.key}` }) as { data?: unknown }
  if (!body || typeof body !== 'object' || !Array.isArray(body.data)) {
    ctx.fail({ en: `the answer of ${op.key} has no data array`, sv: `svaret från ${op.key} har ingen data-lista` }, { expected: '{"data": [...], "pageToken": …}', evidence: [res.exchangeId] })
  }
  return body.data as unknown[]
}

/** The first records a list operation serves (at most n). Skips the check when the target has fewer than min. */
export async function sampleRecords(ctx: CheckContext, list: Operation, n: number, min = 1): Promise<Record<string, unknown>[]> {
  const res = await ctx.call(list, { query: { ...requiredQuery(list), limit: hasParam(list, 'limit') ? n : undefined } })
  const data = pageData(ctx, res, list).slice(0, n) as Record<string, unknown>[]
  if (data.length < min) throw new CheckSkip({ en: `${list.key} served ${data.length} record(s); the rule needs at least ${min}`, sv: `${list.key} levererade ${data.length} post(er); regeln kräver minst ${min}` })
  return data
}

/**
 * Records of the list that serves `op` (an item or lookup operation), only those with an id: the ids probe `op`.
 * Skips when none has one (SchoolUnitOffering declares no id in 2.1.0, notes section 14).
 */
export async function sampleIdentified(ctx: CheckContext, op: Operation, n: number, min = 1): Promise<(Record<string, unknown> & { id: string })[]> {
  const list = listOpFor(ctx, op)
  const records = await sampleRecords(ctx, list, n, min)
  const withId = records.filter((r): r is Record<string, unknown> & { id: string } => typeof r.id === 'string')
  if (withId.length < min) throw new CheckSkip({ en: `the records ${list.key} serves carry no id, so ${op.key} cannot be probed with one`, sv: `posterna som ${list.key} levererar saknar id, så ${op.key} kan inte prövas med ett` })
  return withId
}

/** What identifies a record in a walk: its id, or (for lists whose records have none) a digest of its content. */
export function recordKey(r: unknown): string {
  const id = (r as { id?: unknown } | null)?.id
  return typeof id === 'string' ? id : `#${createHash('sha256').update(JSON.stringify(r)).digest('hex').slice(0, 16)}`
}

export interface Walk {
  ids: string[]
  pages: number
  exchanges: string[]
}

/**
 * Follows pageToken from the first page to the end. Fails when the walk does not end: a token repeats, pages
 * keep coming empty, or more than maxPages pages are served.
 */
export async function walkPages(ctx: CheckContext, op: Operation, limit: number | undefined, maxPages: number): Promise<Walk> {
  const walk: Walk = { ids: [], pages: 0, exchanges: [] }
  const seenTokens = new Set<string>()
  let emptyRun = 0
  let query: Record<string, QueryValue | undefined> = { ...requiredQuery(op), limit }
  for (;;) {
    const res = await ctx.call(op, { query })
    walk.pages++
    walk.exchanges.push(res.exchangeId)
    const data = pageData(ctx, res, op)
    for (const r of data) walk.ids.push(recordKey(r))
    const token = (res.json as { pageToken?: unknown }).pageToken
    if (token === null || token === undefined || token === '') return walk
    if (typeof token !== 'string') ctx.fail({ en: 'pageToken is not a string or null', sv: 'pageToken är varken en sträng eller null' }, { actual: JSON.stringify(token), evidence: [res.exchangeId] })
    if (seenTokens.has(token)) ctx.fail({ en: `the walk does not end: page ${walk.pages} repeats an earlier pageToken`, sv: `genomgången tar aldrig slut: sida ${walk.pages} upprepar en tidigare pageToken` }, { evidence: [res.exchangeId] })
    seenTokens.add(token)
    emptyRun = data.length ? 0 : emptyRun + 1
    if (emptyRun >= 3) {
      ctx.fail({ en: 'the walk does not end: pages without records keep carrying a pageToken', sv: 'genomgången tar aldrig slut: sidor utan poster fortsätter att bära en pageToken' }, {
        expected: { en: 'pageToken null (or absent) on the last page', sv: 'pageToken null (eller utelämnad) på sista sidan' },
        actual: { en: `${emptyRun} empty pages in a row, each with a new pageToken`, sv: `${emptyRun} tomma sidor i rad, var och en med en ny pageToken` },
        evidence: [res.exchangeId],
      })
    }
    if (walk.pages >= maxPages) {
      ctx.fail({ en: `the walk does not end within ${maxPages} pages`, sv: `genomgången tar inte slut inom ${maxPages} sidor` }, { actual: { en: `${walk.ids.length} records so far`, sv: `${walk.ids.length} poster hittills` }, evidence: [res.exchangeId] })
    }
    query = { pageToken: token, limit }
  }
}

export function duplicates(ids: readonly string[]): string[] {
  const seen = new Set<string>()
  const dup = new Set<string>()
  for (const id of ids) (seen.has(id) ? dup : seen).add(id)
  return [...dup]
}

/** A short list for messages: 'a, b, c (and 7 more)'. */
/** The first n items and how many more, in no language: '(+3)' (findings are read in Swedish and English). */
export function few(items: readonly string[], n = 5): string {
  return items.length <= n ? items.join(', ') : `${items.slice(0, n).join(', ')} … (+${items.length - n})`
}

/** ObjectReferences nested in a record: objects with a UUID `id` below the top level (outside _embedded). */
export function references(v: unknown, path: string, depth = 0): { path: string; named: boolean }[] {
  if (!v || typeof v !== 'object') return []
  if (Array.isArray(v)) return v.flatMap((x, i) => references(x, `${path}[${i}]`, depth))
  const o = v as Record<string, unknown>
  const here = depth > 0 && typeof o.id === 'string' && /^[0-9a-f-]{36}$/i.test(o.id) ? [{ path: path || '(root)', named: typeof o.displayName === 'string' && o.displayName !== '' }] : []
  return [
    ...here,
    ...Object.entries(o)
      .filter(([k]) => k !== '_embedded')
      .flatMap(([k, x]) => references(x, path ? `${path}.${k}` : k, depth + 1)),
  ]
}

/** The properties of an operation's request body schema (e.g. ids, civicNos for /persons/lookup). */
export function bodyProperties(ctx: CheckContext, op: Operation): string[] {
  if (!op.requestBody) return []
  let cur: any = ctx.spec.doc
  for (const part of op.requestBody.pointer.slice(2).split('/')) cur = cur?.[part.replace(/~1/g, '/').replace(/~0/g, '~')]
  for (let i = 0; i < 10 && typeof cur?.$ref === 'string'; i++) {
    let target: any = ctx.spec.doc
    for (const part of cur.$ref.slice(2).split('/')) target = target?.[part]
    cur = target
  }
  return Object.keys(cur?.properties ?? {})
}

/** The first query parameter of an operation whose values are enumerated (other than sortkey/expand). */
export function enumFilter(op: Operation): { name: string; values: string[] } | undefined {
  for (const p of op.parameters) {
    if (p.in !== 'query' || p.name === 'sortkey' || p.name === 'expand') continue
    const s = p.schema as { enum?: unknown[]; items?: { enum?: unknown[]; $ref?: string } }
    const values = s.enum ?? s.items?.enum
    if (values?.length) return { name: p.name, values: values.map(String) }
  }
  return undefined
}

/** The enumerated values of a query parameter (sortkey), or []. */
export function paramEnum(op: Operation, name: string): string[] {
  const p = op.parameters.find((x) => x.in === 'query' && x.name === name)
  const s = p?.schema as { enum?: unknown[]; items?: { enum?: unknown[] } } | undefined
  return (s?.enum ?? s?.items?.enum ?? []).map(String)
}
