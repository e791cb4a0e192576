// The export faults of the reference server (ids export.* and data.dangling-*): what each bends, kept out of
// server.ts so the server only calls in at four places (the query, a list's rows, a presented record, the
// deletions). Each breaks exactly one rule of the export suite (suites/export/).

import type { DeletedEntity } from '../../fixtures/generate.js'
import type { FaultId } from './faults.js'
import type { EntityRecord, ReferenceStore, Resource } from './store.js'

/** A well-formed UUID (version 4) that no generated record has: the target of data.dangling-reference. */
export const DANGLING_ID = '00000000-0000-4000-8000-00000000dead'

/** The date-time parameters export.offset-ignored reads without their offset. */
const DATE_TIME_PARAMS = ['meta.created.before', 'meta.created.after', 'meta.modified.before', 'meta.modified.after', 'after']

/** Types whose list export.active-only stripped of ended records; the ones that carry a top-level endDate. */
const WITH_HISTORY: readonly Resource[] = ['groups', 'duties', 'activities']

export class ExportFaults {
  private readonly today = new Date().toISOString().slice(0, 10)

  constructor(
    private readonly faults: ReadonlySet<FaultId>,
    /** The server's current store: a change batch swaps in a new one (writes.ts). */
    private readonly current: () => ReferenceStore,
  ) {}

  /**
   * export.throttle-without-retry-after: GET /duties?limit=1 (a one-record probe, with nothing else asked) is
   * answered 429 with no Retry-After, every time, so whichever check probes first, the export check sees it too.
   */
  throttle(r: Resource, query: ReadonlyMap<string, readonly string[]>): boolean {
    if (r !== 'duties' || !this.faults.has('export.throttle-without-retry-after')) return false
    return query.size === 1 && query.get('limit')?.length === 1 && query.get('limit')![0] === '1'
  }

  /** export.two-record-pages: a list page asked with a limit holds at most 2 records (without one, all as usual). */
  pageSize(limit: number | undefined): number | undefined {
    return limit !== undefined && this.faults.has('export.two-record-pages') ? Math.min(limit, 2) : limit
  }

  /** export.token-on-last-full-page: a full last page still offers a pageToken, to an empty page. */
  lastPage<P extends { items: unknown[]; next: number | null }>(page: P, total: number, limit: number | undefined): P {
    if (!this.faults.has('export.token-on-last-full-page') || page.next !== null || limit === undefined) return page
    return page.items.length === limit && total > 0 ? { ...page, next: total } : page
  }

  /** export.syllabuses-withheld: the syllabuses that activities refer to cannot be read (404 on /syllabuses…). */
  withheld(path: string): boolean {
    return this.faults.has('export.syllabuses-withheld') && path.startsWith('/syllabuses')
  }

  /** export.list-forbidden: the customer's read credential may not list activities (403). */
  forbidden(r: Resource): boolean {
    return r === 'activities' && this.faults.has('export.list-forbidden')
  }

  /**
   * export.offset-ignored: '2025-05-01T10:00:00+02:00' is read as '2025-05-01T10:00:00Z'.
   * export.fraction-rounded: '2025-05-01T09:59:59.500Z' is read as '2025-05-01T10:00:00Z' (nearest second).
   */
  query(query: Map<string, string[]>): Map<string, string[]> {
    const offset = this.faults.has('export.offset-ignored')
    const fraction = this.faults.has('export.fraction-rounded')
    if (!offset && !fraction) return query
    const out = new Map(query)
    for (const name of DATE_TIME_PARAMS) {
      const v = out.get(name)
      if (!v) continue
      out.set(
        name,
        v.map((s) => {
          let x = offset ? s.replace(/[+-]\d{2}:\d{2}$/, 'Z') : s
          const ms = Date.parse(x)
          if (fraction && /\.\d+/.test(x) && !Number.isNaN(ms)) x = new Date(Math.round(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z')
          return x
        }),
      )
    }
    return out
  }

  /** The rows a list serves: export.active-only hides ended records, export.deleted-still-listed keeps a deleted group. */
  rows(r: Resource, rows: readonly EntityRecord[], query: Readonly<Record<string, readonly string[]>> = {}): readonly EntityRecord[] {
    if (r === 'duties' && this.faults.has('export.duties-empty')) return []
    let out = rows
    if (r === 'groups' && query.organisation && this.faults.has('export.org-filter-drops-one')) {
      // export.org-filter-drops-one: filtered by organisation, groups never serve the group with the lowest id.
      const first = this.current().all('groups')[0]?.id
      out = out.filter((g) => g.id !== first)
    }
    if (this.faults.has('export.active-only') && WITH_HISTORY.includes(r)) {
      out = out.filter((rec) => {
        const end = (rec as { endDate?: unknown }).endDate
        return typeof end !== 'string' || end >= this.today
      })
    }
    if (r === 'groups' && this.faults.has('export.deleted-still-listed')) {
      const gone = this.current().deletions.find((d) => d.entity === 'Group')
      const template = this.current().all('groups')[0]
      if (gone && template) out = [...out, { ...template, id: gone.id }]
    }
    return out
  }

  /** A record as served: data.dangling-reference points the first group's organisation at a record that does not exist. */
  present(r: Resource, id: string, out: Record<string, unknown>): void {
    if (r === 'persons' && this.faults.has('export.text-mojibake')) {
      // UTF-8 bytes read as Latin-1: 'Låtsasson' -> 'LÃ¥tsasson', the same in every view of the record.
      for (const k of ['givenName', 'middleName', 'familyName']) if (typeof out[k] === 'string') out[k] = Buffer.from(out[k] as string, 'utf8').toString('latin1')
    }
    if (r !== 'groups' || !this.faults.has('data.dangling-reference')) return
    if (id !== this.current().all('groups')[0]?.id) return
    const ref = out.organisation as Record<string, unknown> | undefined
    out.organisation = { ...(ref ?? {}), id: DANGLING_ID }
  }

  /** export.deletions-missing: /deletedEntities leaves out every deleted person; export.old-after-empty: see below. */
  deletions(entries: DeletedEntity[], after?: string): DeletedEntity[] {
    if (after !== undefined && this.faults.has('export.old-after-empty')) {
      // export.old-after-empty: an after bound before the middle deletion is answered with none at all.
      const times = this.current().deletions.map((d) => Date.parse(d.deletedAt)).sort((a, b) => a - b)
      if (times.length && Date.parse(after) < times[times.length >> 1]) return []
    }
    return this.faults.has('export.deletions-missing') ? entries.filter((d) => d.entity !== 'Person') : entries
  }
}
