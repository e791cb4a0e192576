// The operation index: every (method, path) of the document with its parameters, body and responses.
// SS 12000 has no operationIds, so an operation is named by its key 'METHOD /path' exactly as the spec spells it.

import type { OpenApiDoc } from './load.js'

export type OperationKind = 'list' | 'item' | 'lookup' | 'write'

export interface Parameter {
  name: string
  in: 'query' | 'path' | 'header' | 'cookie'
  required: boolean
  schema: Record<string, unknown>
}

export interface Operation {
  key: string // 'GET /persons/{id}'
  method: string // upper case
  path: string // '/persons/{id}'
  kind: OperationKind
  tags: string[]
  parameters: Parameter[]
  requestBody?: { required: boolean; pointer: string }
  /** status code (or 'default') -> JSON pointer of the response schema in the document, or null for no body. */
  responses: Record<string, string | null>
  /** Safe to call against a vendor system without --allow-writes (GET, and POST …/lookup which only reads). */
  readOnly: boolean
  /** A list of records: its 200 body is {data: [records], pageToken} (not so /deletedEntities, whose data is an object). */
  recordList: boolean
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const

const esc = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1')

export function indexOperations(doc: OpenApiDoc): Operation[] {
  const out: Operation[] = []
  for (const [p, item] of Object.entries(doc.paths ?? {})) {
    const shared = (item.parameters as unknown[] | undefined) ?? []
    for (const m of METHODS) {
      const op = item[m] as Record<string, any> | undefined
      if (!op) continue
      const method = m.toUpperCase()
      const base = `#/paths/${esc(p)}/${m}`
      const parameters = mergeParams(doc, shared, op.parameters ?? [])
      const responses: Record<string, string | null> = {}
      for (const [code, resp] of Object.entries<any>(op.responses ?? {})) {
        const r = deref(doc, resp)
        responses[code] = r?.content?.['application/json']?.schema
          ? `${base}/responses/${esc(code)}/content/application~1json/schema`
          : null
      }
      const body = op.requestBody ? deref(doc, op.requestBody) : undefined
      const kind: OperationKind =
        method === 'GET' ? (p.includes('{') ? 'item' : 'list') : method === 'POST' && p.endsWith('/lookup') ? 'lookup' : 'write'
      out.push({
        key: `${method} ${p}`,
        method,
        path: p,
        kind,
        tags: op.tags ?? [],
        parameters,
        requestBody: body?.content?.['application/json']?.schema
          ? { required: body.required === true, pointer: `${base}/requestBody/content/application~1json/schema` }
          : undefined,
        responses,
        readOnly: kind !== 'write',
        recordList: kind === 'list' && dataIsArray(doc, op.responses?.['200']),
      })
    }
  }
  return out
}

function dataIsArray(doc: OpenApiDoc, response: unknown): boolean {
  const schema = deref(doc, deref(doc, response)?.content?.['application/json']?.schema)
  return deref(doc, schema?.properties?.data)?.type === 'array'
}

function mergeParams(doc: OpenApiDoc, shared: unknown[], own: unknown[]): Parameter[] {
  const byKey = new Map<string, Parameter>()
  for (const raw of [...shared, ...own]) {
    const p = deref(doc, raw)
    if (!p?.name) continue
    // Enumerations often sit behind a $ref (items: OrganisationTypeEnum): resolve the schema and its items.
    const schema = { ...(deref(doc, p.schema) ?? {}) }
    if (schema.items) schema.items = deref(doc, schema.items)
    byKey.set(`${p.in}:${p.name}`, { name: p.name, in: p.in, required: p.required === true, schema })
  }
  return [...byKey.values()]
}

/** Resolves a local $ref (the 2.0.0 document uses components.parameters; 2.1.0 inlines them). */
export function deref(doc: OpenApiDoc, v: any, depth = 0): any {
  if (!v || typeof v !== 'object' || typeof v.$ref !== 'string' || depth > 20) return v
  if (!v.$ref.startsWith('#/')) return v
  let cur: any = doc
  for (const part of v.$ref.slice(2).split('/')) cur = cur?.[part.replace(/~1/g, '/').replace(/~0/g, '~')]
  return deref(doc, cur, depth + 1)
}

/** Fills the path template: '/persons/{id}' + {id: 'x'} -> '/persons/x' (values percent-encoded). */
export function fillPath(template: string, params: Record<string, string> = {}): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const v = params[name]
    if (v === undefined) throw new Error(`missing path parameter ${name} for ${template}`)
    return encodeURIComponent(v)
  })
}
