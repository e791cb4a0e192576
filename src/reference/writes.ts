// The reference server's write side (notes ss12000-api.md §8-10): subscriptions and their notices, log and
// statistics entries, the attendance-type writes, and changes made while it runs (the admin scenario).
//
// The store is built from a Dataset and is read-only: a change is applied to a shallow copy of the dataset (only
// the arrays it touches are copied) and a new ReferenceStore is swapped in. Simple and correct; the cost is one
// store rebuild (O(records)) per change batch, which is fine for the few changes a conformance run makes.
// Nothing here knows HTTP routing: handlers take parsed input and answer {status, body} or throw a WriteError.

import { randomUUID } from 'node:crypto'
import { END_POINTS, type Dataset, type DeletedEntity, type EndPoint } from '../../fixtures/generate.js'
import { loadSpec } from '../spec/load.js'
import type { SchemaValidators } from '../spec/validators.js'
import type { FaultId } from './faults.js'

export class WriteError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

export interface WriteAnswer {
  status: number
  body?: unknown
}

/** Each Dataset array (named as the path segment) and the EndPointsEnum value of its records. */
export const COLLECTIONS: Readonly<Record<string, EndPoint>> = {
  organisations: 'Organisation',
  persons: 'Person',
  placements: 'Placement',
  groups: 'Group',
  programmes: 'Programme',
  studyplans: 'StudyPlan',
  syllabuses: 'Syllabus',
  schoolUnitOfferings: 'SchoolUnitOffering',
  activities: 'Activity',
  calendarEvents: 'CalendarEvent',
  attendances: 'Attendance',
  attendanceEvents: 'AttendanceEvent',
  attendanceSchedule: 'AttendanceSchedule',
  grades: 'Grade',
  absences: 'Absence',
  resources: 'Resource',
  rooms: 'Room',
  duties: 'Duty',
}

/** The collections SS 12000 lets a client write: the schema of a record, and whether DELETE /x/{id} exists. */
export const WRITABLE: Readonly<Record<string, { schema: string; deletable: boolean }>> = {
  attendances: { schema: 'Attendance', deletable: true },
  attendanceEvents: { schema: 'AttendanceEvent', deletable: true },
  attendanceSchedule: { schema: 'AttendanceSchedule', deletable: true },
  absences: { schema: 'Absence', deletable: false },
}

export interface Subscription {
  id: string
  name: string
  target: string
  resourceTypes: { resource: EndPoint }[]
  expires: string
}

/** The admin scenario: how many records of each collection to modify (bump meta.modified), delete and add (clone). */
export interface ChangeScenario {
  modify?: Record<string, number>
  delete?: Record<string, number>
  add?: Record<string, number>
}

export interface ChangeResult {
  modified: string[]
  deleted: string[]
  added: string[]
  /** Subscriptions notified about this batch. */
  notified: number
}

/** A notice as sent (the spec's body, with its misspelt member), and how its delivery ended. */
export interface Delivery {
  subscription: string
  target: string
  body: { modifiedEntites: EndPoint[]; deletedEntities: boolean }
  outcome: number | string // HTTP status or the error
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const DAY_MS = 86_400_000
const NOTICE_TIMEOUT_MS = 5000
const MAX_SUBSCRIPTIONS = 1000
const MAX_KEPT = 1000 // log, statistics and delivery entries kept (the oldest are dropped)
const MAX_CHANGE = 1000 // records per collection and kind in one scenario

type Records = Record<string, unknown>[]
type Collections = Record<string, Records | undefined>

export class WriteState {
  private readonly subscriptions = new Map<string, Subscription>()
  readonly log: unknown[] = []
  readonly statistics: unknown[] = []
  readonly deliveries: Delivery[] = []
  private readonly pending = new Set<Promise<void>>()
  private validators?: Promise<SchemaValidators>

  constructor(
    private current: Dataset,
    private readonly swap: (d: Dataset) => void,
    private readonly faults: ReadonlySet<FaultId>,
    private readonly opts: { subscriptionDays?: number; now?: () => Date; refuseChanges?: string } = {},
  ) {}

  /** A scaled server (--scale above WRITE_SCALE_LIMIT) refuses changes to its data: each would copy and rebuild it all. */
  private changesAllowed(): void {
    if (this.opts.refuseChanges) throw new WriteError(503, 'writes_refused', this.opts.refuseChanges)
  }

  get dataset(): Dataset {
    return this.current
  }

  private now(): Date {
    return this.opts.now?.() ?? new Date()
  }

  private fault(id: FaultId): boolean {
    return this.faults.has(id)
  }

  /** Schema validation, compiled the first time a write asks for it (so the server still boots fast). */
  private async validate(schema: string, value: unknown): Promise<void> {
    this.validators ??= loadSpec().then((s) => s.validators)
    const outcome = (await this.validators).validate(`#/components/schemas/${schema}`, value)
    if (!outcome.valid) throw new WriteError(400, 'invalid_body', `the body is not a valid ${schema}: ${outcome.errors.slice(0, 5).join('; ')}`)
  }

  // --- subscriptions ------------------------------------------------------------------------------------------

  async createSubscription(body: unknown): Promise<WriteAnswer> {
    await this.validate('CreateSubscription', body)
    const b = body as Omit<Subscription, 'id' | 'expires'>
    let url: URL | undefined
    try {
      url = new URL(b.target)
    } catch {
      url = undefined
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) throw new WriteError(400, 'invalid_body', `target must be an http(s) URL, not ${JSON.stringify(b.target)}`)
    if (this.subscriptions.size >= MAX_SUBSCRIPTIONS) throw new WriteError(400, 'too_many_subscriptions', `at most ${MAX_SUBSCRIPTIONS} subscriptions`)
    const sub: Subscription = { id: randomUUID(), name: b.name, target: b.target, resourceTypes: b.resourceTypes.map((r) => ({ resource: r.resource })), expires: this.expiry() }
    this.subscriptions.set(sub.id, sub)
    const answer: Partial<Subscription> = { ...sub }
    if (this.fault('write.subscription-without-expires')) delete answer.expires
    return { status: 201, body: answer }
  }

  listSubscriptions(limit: number | undefined, pageToken: string | undefined): WriteAnswer {
    let offset = 0
    if (pageToken !== undefined) {
      const decoded = Buffer.from(pageToken, 'base64url').toString()
      offset = /^s\d{1,9}$/.test(decoded) ? Number(decoded.slice(1)) : Number.NaN
      if (!Number.isSafeInteger(offset)) throw new WriteError(400, 'invalid_page_token', 'pageToken is not one this server gave for this list')
    }
    let all = [...this.subscriptions.values()]
    if (this.fault('write.subscription-not-listed')) all = []
    const end = limit === undefined ? all.length : Math.min(all.length, offset + limit)
    const next = end < all.length ? Buffer.from(`s${end}`).toString('base64url') : null
    return { status: 200, body: { data: all.slice(offset, end), pageToken: next } }
  }

  getSubscription(id: string): WriteAnswer {
    return { status: 200, body: this.subscription(id) }
  }

  /** PATCH: "Uppdatera expire time": a new expiry, always later than the one before. */
  renewSubscription(id: string): WriteAnswer {
    const sub = this.subscription(id)
    if (!this.fault('write.renew-keeps-expires')) {
      const before = Date.parse(sub.expires)
      sub.expires = this.expiry(before + 1000)
    }
    return { status: 200, body: sub }
  }

  deleteSubscription(id: string): WriteAnswer {
    const sub = this.subscription(id)
    if (!this.fault('write.deleted-still-served')) this.subscriptions.delete(id)
    return this.fault('write.delete-answers-200') ? { status: 200, body: sub } : { status: 204 }
  }

  private subscription(id: string): Subscription {
    if (!UUID_RE.test(id)) throw new WriteError(400, 'invalid_id', `Felaktigt id: ${JSON.stringify(id)} is not a UUID`)
    const sub = this.subscriptions.get(id.toLowerCase())
    if (!sub) throw new WriteError(404, 'not_found', `there is no subscription with id ${id}`)
    return sub
  }

  private expiry(atLeast = 0): string {
    const days = this.opts.subscriptionDays ?? 90
    return new Date(Math.max(this.now().getTime() + days * DAY_MS, atLeast)).toISOString()
  }

  // --- log and statistics ---------------------------------------------------------------------------------------

  async addLog(body: unknown): Promise<WriteAnswer> {
    if (!this.fault('write.log-accepts-invalid')) await this.validate('LogEntry', body)
    keep(this.log, body)
    return { status: 201 }
  }

  async addStatistics(body: unknown): Promise<WriteAnswer> {
    if (!this.fault('write.statistics-accepts-invalid')) await this.validate('StatisticsEntry', body)
    keep(this.statistics, body)
    return { status: 201 }
  }

  // --- attendance-type writes -------------------------------------------------------------------------------------

  /** POST /x: the body becomes a record with a new id and meta (both readOnly in the spec), validated as stored. */
  async create(collection: string, body: unknown): Promise<WriteAnswer> {
    this.changesAllowed()
    const w = WRITABLE[collection]
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new WriteError(400, 'invalid_body', `the body must be a ${w.schema} object`)
    const stamp = this.stamp()
    const record: Record<string, unknown> = { ...(body as Record<string, unknown>), id: randomUUID(), meta: { created: stamp, modified: stamp } }
    if (!this.fault('write.create-accepts-invalid')) await this.validate(w.schema, record)
    this.commit({ [collection]: [...this.records(collection), record] }, [], [COLLECTIONS[collection]], false)
    return { status: 200, body: record }
  }

  /** DELETE /x/{id}: 204, and the deletion is recorded for deletedEntities with its time. */
  remove(collection: string, id: string): WriteAnswer {
    this.changesAllowed()
    if (!UUID_RE.test(id)) throw new WriteError(400, 'invalid_id', `Felaktigt id: ${JSON.stringify(id)} is not a UUID`)
    const rows = this.records(collection)
    const at = rows.findIndex((r) => String(r.id).toLowerCase() === id.toLowerCase())
    if (at < 0) throw new WriteError(404, 'not_found', `there is no record with id ${id} in ${collection}`)
    const gone = { entity: COLLECTIONS[collection], id: String(rows[at].id), deletedAt: this.stamp() }
    this.commit({ [collection]: rows.filter((_, i) => i !== at) }, [gone], [], true)
    return { status: 204 }
  }

  // --- changes while running ----------------------------------------------------------------------------------------

  /** Applies a scenario as one change batch (one notice per matching subscription) and waits for its notices. */
  async applyChanges(s: ChangeScenario): Promise<ChangeResult> {
    this.changesAllowed()
    const plan = checkScenario(s)
    const result: ChangeResult = { modified: [], deleted: [], added: [], notified: 0 }
    const arrays: Collections = {}
    const deletions: DeletedEntity[] = []
    const modified = new Set<EndPoint>()
    let deleted = false
    const stamp = this.stamp()
    for (const [kind, counts] of plan) {
      for (const [collection, n] of Object.entries(counts)) {
        if (!n) continue
        const rows = arrays[collection] ?? [...this.records(collection)]
        const available = kind === 'add' ? (rows.length ? n : 0) : Math.min(n, rows.length)
        if (available < n) throw new WriteError(400, 'invalid_scenario', `${collection} has ${rows.length} record(s); cannot ${kind} ${n}`)
        if (kind === 'modify') {
          for (let i = 0; i < n; i++) {
            rows[i] = { ...structuredClone(rows[i]), meta: { ...(rows[i].meta as object), modified: stamp } }
            result.modified.push(String(rows[i].id))
          }
          modified.add(COLLECTIONS[collection])
        } else if (kind === 'delete') {
          for (const r of rows.splice(rows.length - n, n)) {
            deletions.push({ entity: COLLECTIONS[collection], id: String(r.id), deletedAt: stamp })
            result.deleted.push(String(r.id))
          }
          deleted = true
        } else {
          for (let i = 0; i < n; i++) {
            const clone = { ...structuredClone(rows[i % rows.length]), id: randomUUID(), meta: { created: stamp, modified: stamp } }
            rows.push(clone)
            result.added.push(String(clone.id))
          }
          modified.add(COLLECTIONS[collection])
        }
        arrays[collection] = rows
      }
    }
    result.notified = this.commit(arrays, deletions, [...modified], deleted)
    await this.settled()
    return result
  }

  /** Resolves when every notice sent so far has been delivered or has given up. */
  async settled(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending])
  }

  private records(collection: string): Records {
    return ((this.current as unknown as Collections)[collection] ?? []) as Records
  }

  /** Meta timestamps as the generated data has them (to the second, UTC). */
  private stamp(): string {
    return this.now().toISOString().replace(/\.\d{3}Z$/, 'Z')
  }

  /** Swaps in the changed dataset and notifies the subscriptions the batch concerns; the number notified. */
  private commit(arrays: Collections, deletions: DeletedEntity[], modified: EndPoint[], deleted: boolean): number {
    const next = { ...this.current, ...arrays } as Dataset
    if (deletions.length && !this.fault('write.deletion-not-recorded')) next.deletedEntities = [...(this.current.deletedEntities ?? []), ...deletions]
    this.current = next
    this.swap(next)
    const types = new Set<EndPoint>([...modified, ...deletions.map((d) => d.entity)])
    const body = { modifiedEntites: END_POINTS.filter((t) => modified.includes(t)), deletedEntities: deleted }
    const now = this.now().getTime()
    const subs = [...this.subscriptions.values()].filter((s) => Date.parse(s.expires) > now && s.resourceTypes.some((r) => types.has(r.resource)))
    if (this.fault('write.webhook-never-sent')) return 0
    for (const sub of subs) this.deliver(sub, body)
    return subs.length
  }

  /** One POST to the subscription's target: bounded by a timeout, no retries. */
  private deliver(sub: Subscription, body: Delivery['body']): void {
    const p = fetch(sub.target, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      redirect: 'manual',
      signal: AbortSignal.timeout(NOTICE_TIMEOUT_MS),
    })
      .then(async (res) => {
        await res.body?.cancel()
        return res.status
      })
      .catch((err: unknown) => (err instanceof Error ? err.message : String(err)))
      .then((outcome) => {
        keep(this.deliveries, { subscription: sub.id, target: sub.target, body, outcome })
      })
      .finally(() => this.pending.delete(p))
    this.pending.add(p)
  }
}

function keep<T>(list: T[], item: T): void {
  list.push(item)
  if (list.length > MAX_KEPT) list.splice(0, list.length - MAX_KEPT)
}

/** The scenario's parts in the order they apply, each a map collection -> count; refuses anything else. */
function checkScenario(s: unknown): [keyof ChangeScenario, Record<string, number>][] {
  if (!s || typeof s !== 'object' || Array.isArray(s)) throw new WriteError(400, 'invalid_scenario', 'the scenario must be an object {modify?, delete?, add?}')
  const out: [keyof ChangeScenario, Record<string, number>][] = []
  for (const [kind, counts] of Object.entries(s)) {
    if (kind !== 'modify' && kind !== 'delete' && kind !== 'add') throw new WriteError(400, 'invalid_scenario', `unknown scenario member ${JSON.stringify(kind)} (known: modify, delete, add)`)
    if (!counts || typeof counts !== 'object' || Array.isArray(counts)) throw new WriteError(400, 'invalid_scenario', `${kind} must be an object {collection: count}`)
    for (const [c, n] of Object.entries(counts)) {
      if (!Object.hasOwn(COLLECTIONS, c)) throw new WriteError(400, 'invalid_scenario', `unknown collection ${JSON.stringify(c)} (known: ${Object.keys(COLLECTIONS).join(', ')})`)
      if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0 || n > MAX_CHANGE) throw new WriteError(400, 'invalid_scenario', `${kind}.${c} must be an integer from 0 to ${MAX_CHANGE}`)
    }
    out.push([kind, counts as Record<string, number>])
  }
  return out
}
