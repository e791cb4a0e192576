import { defineCheck } from '../../src/core/check.js'
import type { CheckContext } from '../../src/core/context.js'
import { CheckSkip } from '../../src/core/failure.js'
import type { Operation } from '../../src/spec/operations.js'
import { valuesAt } from './_records.js'
import { hasParam, listOps, sampleRecords } from './_shared.js'
import { judge } from './_windows.js'

type Rec = Record<string, unknown>

// The filters that select through other records (API-FILTER-006 judges those that name a field of the record
// itself): GET /activities member (the activity's groups' members), GET /calendarEvents student and teacher
// (through the event's activity, or its exceptions), GET /persons relationship.entity.type=enrolment with
// relationship.organisation (the person's enrolments). Each is tried with the value fewest sampled records
// carry, so a filter that is ignored returns records outside it.
const INDIRECT: Record<string, readonly string[]> = {
  '/activities': ['member'],
  '/calendarEvents': ['student', 'teacher'],
  '/persons': ['relationship.entity.type', 'relationship.organisation'],
}

const SAMPLE = 100

/** The least common value over the sample (ties: the smallest), or undefined when no record has any. */
function rarest(sample: readonly Rec[], values: (r: Rec) => readonly string[]): string | undefined {
  const counts = new Map<string, number>()
  for (const r of sample) for (const v of new Set(values(r))) counts.set(v, (counts.get(v) ?? 0) + 1)
  return [...counts.entries()].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0]
}

/** id (lower case) -> record, from a sample of another list (empty when the target does not offer it). */
async function byId(ctx: CheckContext, path: string): Promise<Map<string, Rec>> {
  const op = ctx.spec.operation(`GET ${path}`)
  if (!op) return new Map()
  const recs = await sampleRecords(ctx, op, SAMPLE, 0)
  return new Map(recs.filter((r) => typeof r.id === 'string').map((r) => [(r.id as string).toLowerCase(), r]))
}

const ids = (r: Rec | undefined, path: string) => (r ? valuesAt(r, path).map((v) => v.toLowerCase()) : [])

/** The members of the groups named (undefined when one of them was not in the groups sample: not judged). */
function membersOf(groups: Map<string, Rec>, groupIds: readonly string[]): string[] | undefined {
  const out: string[] = []
  for (const g of groupIds) {
    const rec = groups.get(g)
    if (!rec) return undefined
    out.push(...ids(rec, 'groupMemberships[].person.id'))
  }
  return out
}

async function tryActivities(ctx: CheckContext, op: Operation, sample: Rec[]): Promise<number> {
  const groups = await byId(ctx, '/groups')
  const members = (a: Rec) => membersOf(groups, ids(a, 'groups[].id'))
  const person = rarest(sample, (a) => members(a) ?? [])
  if (!person) return 0
  await judge(ctx, op, sample, 'member', person, (a) => members(a)?.includes(person), { en: `only activities one of whose groups has member ${person}`, sv: `bara aktiviteter där någon av grupperna har medlemmen ${person}` }, (a) => String(a.id))
  return 1
}

async function tryCalendarEvents(ctx: CheckContext, op: Operation, sample: Rec[]): Promise<number> {
  const [activities, groups] = [await byId(ctx, '/activities'), await byId(ctx, '/groups')]
  const activity = (e: Rec) => activities.get(ids(e, 'activity.id')[0] ?? '')
  const teachers = (e: Rec): string[] | undefined => {
    const a = activity(e)
    return a ? [...ids(a, 'teachers[].duty.id'), ...ids(e, 'teacherExceptions[].duty.id')] : undefined
  }
  const students = (e: Rec): string[] | undefined => {
    const a = activity(e)
    const m = a ? membersOf(groups, ids(a, 'groups[].id')) : undefined
    return m ? [...m, ...ids(e, 'studentExceptions[].student.id')] : undefined
  }
  let tried = 0
  for (const [param, of] of [['teacher', teachers], ['student', students]] as const) {
    if (!hasParam(op, param)) continue
    const value = rarest(sample, (e) => of(e) ?? [])
    if (!value) continue
    await judge(ctx, op, sample, param, value, (e) => of(e)?.includes(value), { en: `only events whose activity or exceptions name ${param} ${value}`, sv: `bara händelser vars aktivitet eller undantag anger ${param} ${value}` }, (e) => String(e.id))
    tried++
  }
  return tried
}

async function tryPersons(ctx: CheckContext, op: Operation, sample: Rec[]): Promise<number> {
  const orgs = (p: Rec) => ids(p, 'enrolments[].enroledAt.id')
  const org = rarest(sample, orgs)
  if (!org) return 0
  const inside = (p: Rec) => orgs(p).includes(org)
  await judge(ctx, op, sample, 'relationship.organisation', org, inside, { en: `only persons with an enrolment at ${org}`, sv: `bara personer med en inskrivning vid ${org}` }, (p) => String(p.id), { 'relationship.entity.type': 'enrolment' })
  return 1
}

export default defineCheck({
  id: 'API-FILTER-008',
  title: {
    en: 'A filter that selects through other records (activities member, calendarEvents student/teacher, persons relationship.*) returns exactly the records it names',
    sv: 'Ett filter som väljer via andra poster (activities member, calendarEvents student/teacher, persons relationship.*) returnerar exakt de poster det pekar ut',
  },
  requirements: ['SS12000-FILTER-INDIRECT'],
  severity: 'must',
  profiles: ['full-2.1'],
  needs: ['API-CAPABILITY-001'],
  forEach: (ops) => listOps(ops).filter((o) => (INDIRECT[o.path] ?? []).some((p) => hasParam(o, p))),
  async run(ctx, op) {
    const sample = await sampleRecords(ctx, op, SAMPLE)
    const tried = op.path === '/activities' ? await tryActivities(ctx, op, sample) : op.path === '/calendarEvents' ? await tryCalendarEvents(ctx, op, sample) : await tryPersons(ctx, op, sample)
    if (!tried) throw new CheckSkip({
        en: `no sampled record of ${op.key} is related to anything its filters ${INDIRECT[op.path].join(', ')} select on`,
        sv: `ingen post i urvalet från ${op.key} hör ihop med något som filtren ${INDIRECT[op.path].join(', ')} väljer på`,
      })
    ctx.note({ en: `${tried} filter(s) of ${op.key} tried on ${sample.length} sampled records`, sv: `${tried} filter i ${op.key} prövade på ${sample.length} utvalda poster` })
  },
})
