// results.json: the one source of truth every other report is rendered from.
// renderJson writes keys in the order of the model (taken from results.schema.json, whose `properties` follow
// src/core/result.ts), so two runs diff cleanly whatever order the runner built its objects in.
// parseResults is the only way back in: JSON, then the schema, then a typed RunResult — or a one-line Error.

import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { READABLE_SCHEMA_VERSIONS, RESULT_SCHEMA_VERSION, type RunResult } from '../core/result.js'
import schema from './results.schema.json' with { type: 'json' }

/** The JSON Schema (draft-07) of results.json. */
export const RESULTS_SCHEMA: Readonly<Record<string, unknown>> = schema

// ajv-formats is CommonJS with `exports.default`; under NodeNext the default import is the module object.
const addFormats = addFormatsModule.default

interface SchemaNode {
  $ref?: string
  properties?: Record<string, SchemaNode>
  additionalProperties?: SchemaNode | boolean
  items?: SchemaNode
}

const definitions = (schema as { definitions: Record<string, SchemaNode> }).definitions

function deref(node: SchemaNode | undefined): SchemaNode | undefined {
  let n = node
  for (let i = 0; n?.$ref && i < 8; i++) {
    const m = /^#\/definitions\/(.+)$/.exec(n.$ref)
    n = m ? definitions[m[1]] : undefined
  }
  return n
}

/** A copy of `value` whose object keys follow the schema's `properties` order; keys the schema does not name
 *  (records such as headers, or extras) keep their own order after them. Null-prototype objects, so a header
 *  called `__proto__` stays data. */
function ordered(value: unknown, node: SchemaNode | undefined): unknown {
  const n = deref(node)
  if (Array.isArray(value)) return value.map((v) => ordered(v, n?.items))
  if (value === null || typeof value !== 'object') return value
  const src = value as Record<string, unknown>
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>
  const props = n?.properties ?? {}
  for (const key of Object.keys(props)) {
    if (Object.prototype.hasOwnProperty.call(src, key)) out[key] = ordered(src[key], props[key])
  }
  const rest = typeof n?.additionalProperties === 'object' ? n.additionalProperties : undefined
  for (const key of Object.keys(src)) {
    if (!Object.prototype.hasOwnProperty.call(out, key)) out[key] = ordered(src[key], rest)
  }
  return out
}

/** results.json text: keys in model order, 2-space indent, trailing newline. Pure; does not validate. */
export function renderJson(run: RunResult): string {
  return JSON.stringify(ordered(run, schema as SchemaNode), null, 2) + '\n'
}

let validator: ValidateFunction | undefined

function compiled(): ValidateFunction {
  if (!validator) {
    const ajv = new Ajv({ strict: true, allErrors: true })
    addFormats(ajv, ['date-time'])
    validator = ajv.compile(schema)
  }
  return validator
}

const oneLineText = (s: string, max = 200): string => {
  const t = s.replace(/\s+/g, ' ').trim()
  return t.length > max ? `${t.slice(0, max - 1)}…` : t
}

function describe(e: ErrorObject): string {
  const at = e.instancePath || '/'
  const p = e.params as Record<string, unknown>
  let extra = ''
  if (e.keyword === 'additionalProperties') extra = `: ${JSON.stringify(p.additionalProperty)}`
  else if (e.keyword === 'enum') extra = ` (${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')})`
  else if (e.keyword === 'const') extra = ` (${JSON.stringify(p.allowedValue)})`
  return `${at} ${e.message ?? e.keyword}${extra}`
}

/** undefined when `value` is a valid RunResult, else a one-line description of what is wrong. */
export function validateResults(value: unknown): string | undefined {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const v = (value as Record<string, unknown>).schemaVersion
    if (v !== undefined && !READABLE_SCHEMA_VERSIONS.includes(v as string)) {
      return `schemaVersion is ${oneLineText(JSON.stringify(v) ?? String(v), 40)}; this konform reads ${READABLE_SCHEMA_VERSIONS.slice(0, -1).join(', ')} and ${READABLE_SCHEMA_VERSIONS.at(-1)}`
    }
  }
  const validate = compiled()
  if (validate(value)) return undefined
  const errors = validate.errors ?? []
  const first = errors[0] ? describe(errors[0]) : 'invalid'
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''
  return oneLineText(first, 300) + more
}

/** Parse and validate results.json text. Throws an Error with a one-line message when it is not a valid RunResult. */
export function parseResults(text: string): RunResult {
  let value: unknown
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
  } catch (err) {
    throw new Error(`results.json is not valid JSON: ${oneLineText(err instanceof Error ? err.message : String(err))}`)
  }
  const problem = validateResults(value)
  if (problem !== undefined) throw new Error(`results.json does not match schema ${RESULT_SCHEMA_VERSION}: ${problem}`)
  return value as RunResult
}
