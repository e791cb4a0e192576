// Spec errata beyond the schema corrections of validators.ts (notes §14): a format that is a regex and a time typed
// as an integer (E5), and two query parameters whose name and description disagree (E6, E7). Each is detected in
// the document itself, so a corrected document yields none; the ones found are listed in results.json and the
// report. E5 is corrected in the validators' copy of the document; E6 and E7 are readings the filter checks
// accept (suites/api/_attributes.ts tryParent, suites/api/_windows.ts tryDateFilter).

import type { Erratum } from '../core/result.js'
import type { OpenApiDoc } from './load.js'

const TIME = /^\^\[0-9\]\{2\}:\[0-9\]\{2\}\$$/ // the regex the 2.1.0 document puts in `format`

/** The description of a query parameter of GET path (through $ref) and a JSON pointer to it, or ''. */
function param(doc: OpenApiDoc, path: string, name: string): { text: string; pointer: string } {
  const get = (doc.paths?.[path] as any)?.get
  const list = (get?.parameters as any[]) ?? []
  for (const [i, p] of list.entries()) {
    let x = p
    for (let n = 0; n < 5 && typeof x?.$ref === 'string'; n++) x = x.$ref.slice(2).split('/').reduce((o: any, k: string) => o?.[k], doc)
    if (x?.name === name && x?.in === 'query') return { text: String(x.description ?? ''), pointer: `#/paths/${path.replace(/\//g, '~1')}/get/parameters/${i}` }
  }
  return { text: '', pointer: '' }
}
const paramText = (doc: OpenApiDoc, path: string, name: string) => param(doc, path, name).text

/** Applies E5 to `copy` (the validators' copy) and returns every erratum of this list the document has. */
export function documentErrata(copy: OpenApiDoc): Erratum[] {
  const out: Erratum[] = []
  const entry = (copy.components?.schemas as Record<string, any> | undefined)?.AttendanceScheduleEntry
  const props = entry?.properties ?? {}
  if (['startTime', 'endTime'].some((k) => TIME.test(String(props[k]?.format ?? ''))) || props.endTime?.type === 'integer') {
    for (const k of ['startTime', 'endTime']) {
      if (!props[k]) continue
      if (TIME.test(String(props[k].format ?? ''))) delete props[k].format
      if (props[k].type === 'integer') props[k].type = ['string', 'integer']
    }
    out.push({
      id: 'SS12000-2.1-E5',
      pointer: '#/components/schemas/AttendanceScheduleEntry/properties',
      text: {
        en: 'AttendanceScheduleEntry.startTime/endTime put a regex in format, and endTime is typed integer although described as "15:30"; konform accepts a time string (and an integer) for both and applies no format.',
        sv: 'AttendanceScheduleEntry.startTime/endTime anger ett reguljärt uttryck som format, och endTime har typen integer fast den beskrivs som "15:30"; konform godtar en tidssträng (och ett heltal) för båda och tillämpar inget format.',
      },
    })
  }
  if (/utpekade organisations-ID/i.test(paramText(copy, '/organisations', 'parent'))) {
    out.push({
      id: 'SS12000-2.1-E6',
      pointer: param(copy, '/organisations', 'parent').pointer,
      text: {
        en: 'GET /organisations parent is named for the parent organisation but described as "the organisation ids named"; konform accepts either reading (the children of the organisation, or the organisation itself) and holds the answer to the one it follows.',
        sv: 'GET /organisations parent är namngiven efter överordnad organisation men beskrivs som "utpekade organisations-ID:n"; konform godtar båda läsningarna (organisationens underordnade, eller organisationen själv) och håller svaret till den det följer.',
      },
    })
  }
  const exclusive = ['startTime.onOrAfter', 'endTime.onOrAfter'].filter((n) => /exkluderande/i.test(paramText(copy, '/absences', n)))
  if (exclusive.length) {
    out.push({
      id: 'SS12000-2.1-E7',
      pointer: param(copy, '/absences', exclusive[0]).pointer,
      text: {
        en: 'GET /absences startTime.onOrAfter and endTime.onOrAfter are named inclusive ("on or after") but described "Exkluderande"; a record exactly at the bound may be kept or left out.',
        sv: 'GET /absences startTime.onOrAfter och endTime.onOrAfter är namngivna som inkluderande ("on or after") men beskrivs "Exkluderande"; en post exakt på gränsen får tas med eller utelämnas.',
      },
    })
  }
  return out
}
