// Helpers the write-mode checks share: the --allow-writes gate, subscriptions that clean up after themselves,
// and valid request bodies built from ids the target itself serves.

import { END_POINTS } from '../../fixtures/generate.js'
import type { CheckContext, PlanView } from '../../src/core/context.js'
import { CheckSkip } from '../../src/core/failure.js'
import type { HttpResponse } from '../../src/http/client.js'
import type { Operation } from '../../src/spec/operations.js'
import { hasParam, pageData, requiredQuery } from './_shared.js'

/** Write-mode checks run only with --allow-writes; otherwise they are skipped with this reason. */
export function writesAllowed(plan: PlanView): true | { en: string; sv: string } {
  return plan.allowWrites
    ? true
    : {
        en: 'it creates, changes or deletes data on the target; run with --allow-writes to include it',
        sv: 'den skapar, ändrar eller tar bort uppgifter i målet; kör med --allow-writes för att ta med den',
      }
}

/** forEach: the profile's operations with these keys ('POST /subscriptions'). */
export const only =
  (...keys: string[]) =>
  (ops: readonly Operation[]) =>
    ops.filter((o) => keys.includes(o.key))

export interface Created {
  res: HttpResponse
  id: string
  body: Record<string, unknown>
  channel?: string
}

/**
 * Registers a subscription (to konform's callback receiver when there is one) for every entity type; fails the
 * check unless it is answered 201 with an id. The caller deletes it (deleteQuietly) when done.
 */
export async function subscribe(ctx: CheckContext): Promise<Created> {
  const ch = ctx.plan.notices?.receiver.channel()
  const target = ch?.url ?? 'https://konform.invalid/notices'
  const res = await ctx.call('POST /subscriptions', {
    body: { name: 'konform conformance check (deleted when the check ends)', target, resourceTypes: END_POINTS.map((resource) => ({ resource })) },
  })
  ctx.expectStatus(res, 201, { en: 'POST /subscriptions did not create the subscription', sv: 'POST /subscriptions skapade inte prenumerationen' })
  const body = ctx.expectJson(res, { en: 'the 201 answer of POST /subscriptions', sv: '201-svaret från POST /subscriptions' }) as Record<string, unknown>
  if (typeof body?.id !== 'string') ctx.fail({ en: 'the 201 answer of POST /subscriptions has no id', sv: '201-svaret från POST /subscriptions har inget id' }, { actual: res.text.slice(0, 200), evidence: [res.exchangeId] })
  return { res, id: body.id as string, body, channel: ch?.channel }
}

/** Cleans up: deletes what a check created; the outcome is evidence but decides nothing. */
export async function deleteQuietly(ctx: CheckContext, op: string, id: string): Promise<void> {
  await ctx.call(op, { path: { id } }).catch(() => undefined)
}

/** The id of the first record a list serves, to refer to; skips the check when the target serves none. */
export async function firstId(ctx: CheckContext, listKey: string, query: Record<string, string> = {}): Promise<string> {
  const list = ctx.spec.operation(listKey)
  if (!list) throw new Error(`the spec has no ${listKey}`)
  const res = await ctx.call(list, { query: { ...requiredQuery(list), ...query, limit: hasParam(list, 'limit') ? 1 : undefined } })
  if ([404, 405, 501].includes(res.status)) throw new CheckSkip({ en: `the record to create refers to ${listKey.slice(4)}, and the target does not offer ${listKey}`, sv: `posten som ska skapas refererar till ${listKey.slice(4)}, och målet erbjuder inte ${listKey}` })
  const [first] = pageData(ctx, res, list) as { id?: unknown }[]
  if (typeof first?.id !== 'string') throw new CheckSkip({ en: `the record to create refers to ${listKey.slice(4)}, and ${listKey} served none`, sv: `posten som ska skapas refererar till ${listKey.slice(4)}, och ${listKey} levererade ingen` })
  return first.id
}

/** A valid request body for each attendance-type create (readOnly id and meta left out), naming served records. */
export async function validRecord(ctx: CheckContext, collection: string): Promise<Record<string, unknown>> {
  const now = new Date()
  const iso = (ms: number) => new Date(now.getTime() + ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
  const day = iso(0).slice(0, 10)
  switch (collection) {
    case 'attendanceEvents':
      return { eventType: 'In', time: iso(0), person: { id: await firstId(ctx, 'GET /persons') }, group: { id: await firstId(ctx, 'GET /groups') } }
    case 'absences':
      return { type: 'Anmäld frånvaro', startTime: iso(86_400_000), endTime: iso(90_000_000), student: { id: await firstId(ctx, 'GET /persons') } }
    case 'attendances':
      return { calendarEvent: { id: await firstId(ctx, 'GET /calendarEvents') }, student: { id: await firstId(ctx, 'GET /persons') }, isReported: false }
    case 'attendanceSchedule':
      return { placement: { id: await firstId(ctx, 'GET /placements') }, numberOfWeeks: 1, startDate: day, state: [{ state: 'Begärt', registeredAt: iso(0) }] }
    default:
      throw new Error(`no body for ${collection}`)
  }
}

/** 'POST /attendanceEvents' or 'DELETE /attendanceEvents/{id}' -> 'attendanceEvents'. */
export const collectionOf = (op: Operation) => op.path.split('/')[1]
