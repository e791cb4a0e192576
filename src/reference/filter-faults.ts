// The relationship-filter faults of the reference server (api suite, issue #4): each leaves one family of a list's
// relationship filters out of the query the store answers, so that family silently selects everything. Kept out
// of server.ts, which calls in at one place (the parameters of a list before the store reads them).

import type { FaultId } from './faults.js'
import type { Params, Resource } from './store.js'

/** fault -> list -> the parameters it leaves out (parsed and checked like any other, then not applied). */
const STRIPPED: Partial<Record<FaultId, Partial<Record<Resource | 'aggregatedAttendance', readonly string[]>>>> = {
  // The filters that name a record another record references directly (API-FILTER-006).
  'filter.relation-ignored': {
    placements: ['organisation', 'group', 'child', 'owner'],
    duties: ['person'],
    groups: ['organisation'],
    studyplans: ['student'],
    schoolUnitOfferings: ['organisation'],
    activities: ['group', 'teacher'],
    calendarEvents: ['activity'],
    attendances: ['student', 'calendarEvent'],
    attendanceEvents: ['person', 'group'],
    attendanceSchedule: ['placement'],
    grades: ['student', 'organisation', 'registeredBy', 'gradingTeacher'],
    absences: ['student', 'organisation', 'registeredBy'],
    aggregatedAttendance: ['student'],
    resources: ['organisation'],
    rooms: ['organisation'],
  },
  'filter.person-relationship-ignored': {
    persons: [
      'relationship.entity.type',
      'relationship.organisation',
      'relationship.startDate.onOrBefore',
      'relationship.startDate.onOrAfter',
      'relationship.endDate.onOrBefore',
      'relationship.endDate.onOrAfter',
    ],
  },
  'filter.member-ignored': { activities: ['member'] },
  'filter.event-person-ignored': { calendarEvents: ['student', 'teacher'] },
}

/** The parameters of a list query as the faults switched on leave them. */
export function stripFilters(faults: ReadonlySet<FaultId>, r: Resource | 'aggregatedAttendance', p: Params): Params {
  const out: Params = { ...p }
  for (const f of faults) for (const name of STRIPPED[f]?.[r] ?? []) delete out[name]
  return out
}
