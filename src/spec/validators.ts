// One Ajv instance per spec, the whole document registered once under the id 'openapi'; each schema is compiled
// the first time a JSON pointer asks for it and cached. strict:false because the SS 12000 document puts a regex
// in `format` (notes §14); OpenAPI 3.0 `nullable` is understood by Ajv itself.

import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import type { OpenApiDoc } from './load.js'
import { speedUpFormats } from './fast-formats.js'

// ajv-formats is CommonJS: under NodeNext its callable is the module's `default`.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default

import type { Erratum } from '../core/result.js'
import { documentErrata } from './errata.js'
export type { Erratum }

/**
 * Known defects of the SS 12000 2.1.0 document (notes §14) that would fail every conformant server.
 * Each is corrected in the validators' copy of the document and listed in the report; a document without
 * the defect is left alone.
 */
const ERRATA: { id: string; schema: string; requiredName: string; text: Erratum['text'] }[] = [
  {
    id: 'SS12000-2.1-E1',
    schema: 'Grade',
    requiredName: 'schoolUnit',
    text: {
      en: 'Grade.required lists schoolUnit, which is not a property of Grade (the property is organisation); the requirement is not applied.',
      sv: 'Grade.required anger schoolUnit, som inte är en egenskap hos Grade (egenskapen heter organisation); kravet tillämpas inte.',
    },
  },
  {
    id: 'SS12000-2.1-E2',
    schema: 'AttendanceSchedule',
    requiredName: 'scheduleDays',
    text: {
      en: 'AttendanceSchedule.required lists scheduleDays, which is not a property (the property is scheduleEntries); the requirement is not applied.',
      sv: 'AttendanceSchedule.required anger scheduleDays, som inte är en egenskap (egenskapen heter scheduleEntries); kravet tillämpas inte.',
    },
  },
]

/**
 * Lookups whose 200 answer the 2.1.0 document declares as an array of another entity (a copy-paste defect): the
 * records a lookup returns are those of its own list, so the validators' copy declares an array of them instead.
 */
const LOOKUP_ERRATA: { id: string; path: string; declared: string; record: string; text: Erratum['text'] }[] = [
  {
    id: 'SS12000-2.1-E3',
    path: '/calendarEvents/lookup',
    declared: 'AttendancesArray',
    record: 'CalendarEvent',
    text: {
      en: 'POST /calendarEvents/lookup declares its 200 answer as AttendancesArray; the lookup returns calendar events, so it is validated as an array of CalendarEvent.',
      sv: 'POST /calendarEvents/lookup anger sitt 200-svar som AttendancesArray; uppslaget returnerar kalenderhändelser och valideras därför som en array av CalendarEvent.',
    },
  },
  {
    id: 'SS12000-2.1-E4',
    path: '/attendanceSchedule/lookup',
    declared: 'ActivitiesArray',
    record: 'AttendanceSchedule',
    text: {
      en: 'POST /attendanceSchedule/lookup declares its 200 answer as ActivitiesArray; the lookup returns attendance schedules, so it is validated as an array of AttendanceSchedule.',
      sv: 'POST /attendanceSchedule/lookup anger sitt 200-svar som ActivitiesArray; uppslaget returnerar vistelsescheman och valideras därför som en array av AttendanceSchedule.',
    },
  },
]

/**
 * Properties whose declared type contradicts their own description (notes §14): the validators' copy declares
 * the type the description gives.
 */

export interface ValidationOutcome {
  valid: boolean
  errors: string[] // 'data/0/meta: must have required property created'
}

export class SchemaValidators {
  readonly errata: Erratum[] = []
  private readonly ajv: Ajv
  private readonly cache = new Map<string, ValidateFunction>()
  /** The same document and formats, stopping at the first error: for check(), where only valid or not matters. */
  private readonly quick: Ajv
  private readonly quickCache = new Map<string, ValidateFunction>()

  constructor(doc: OpenApiDoc) {
    const copy = structuredClone(doc) as OpenApiDoc
    const schemas = (copy.components?.schemas ?? {}) as Record<string, { required?: string[]; properties?: object }>
    for (const e of ERRATA) {
      const s = schemas[e.schema]
      if (s?.required?.includes(e.requiredName) && !(e.requiredName in (s.properties ?? {}))) {
        s.required = s.required.filter((n) => n !== e.requiredName)
        this.errata.push({ id: e.id, pointer: `#/components/schemas/${e.schema}/required`, text: e.text })
      }
    }
    for (const e of LOOKUP_ERRATA) {
      const media = (copy.paths?.[e.path] as any)?.post?.responses?.['200']?.content?.['application/json']
      if (media?.schema?.$ref === `#/components/schemas/${e.declared}` && schemas[e.record]) {
        media.schema = { type: 'array', items: { $ref: `#/components/schemas/${e.record}` } }
        this.errata.push({ id: e.id, pointer: `#/paths/${e.path.replace(/\//g, '~1')}/post/responses/200`, text: e.text })
      }
    }
    this.errata.push(...documentErrata(copy))
    this.ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true, logger: false })
    addFormats(this.ajv)
    speedUpFormats(this.ajv)
    this.ajv.addSchema(copy as object, 'openapi')
    this.quick = new Ajv({ strict: false, allErrors: false, validateFormats: true, logger: false })
    addFormats(this.quick)
    speedUpFormats(this.quick)
    this.quick.addSchema(copy as object, 'openapi')
  }

  /** The compiled validator for a JSON pointer into the document ('#/components/schemas/Person'). */
  compile(pointer: string): ValidateFunction {
    let fn = this.cache.get(pointer)
    if (!fn) {
      fn = this.ajv.getSchema(`openapi${pointer}`)
      if (!fn) throw new Error(`no schema at ${pointer}`)
      this.cache.set(pointer, fn)
    }
    return fn
  }

  /** Whether the value is valid against the schema at the pointer (the same answer as validate().valid, sooner). */
  check(pointer: string, value: unknown): boolean {
    let fn = this.quickCache.get(pointer)
    if (!fn) {
      fn = this.quick.getSchema(`openapi${pointer}`)
      if (!fn) throw new Error(`no schema at ${pointer}`)
      this.quickCache.set(pointer, fn)
    }
    return fn(value) as boolean
  }

  validate(pointer: string, value: unknown): ValidationOutcome {
    const fn = this.compile(pointer)
    const valid = fn(value) as boolean
    return { valid, errors: valid ? [] : formatErrors(fn.errors ?? []) }
  }
}

function formatErrors(errors: ErrorObject[]): string[] {
  return errors.slice(0, 20).map((e) => {
    const where = e.instancePath ? e.instancePath.slice(1) : '(root)'
    const extra = e.keyword === 'enum' ? ` ${JSON.stringify((e.params as { allowedValues?: unknown }).allowedValues)}` : ''
    return `${where}: ${e.message ?? e.keyword}${extra}`
  })
}
