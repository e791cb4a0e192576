// Loads an OpenAPI document once: bytes -> sha256, YAML (core schema, so dates stay strings: notes §14) -> object,
// swagger-parser validation, then the operation index and the schema validators built on top of it.

import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import SwaggerParser from '@apidevtools/swagger-parser'
import { parse as parseYaml } from 'yaml'
import { KonformError, oneLine } from '../errors.js'
import { projectRoot } from '../paths.js'
import { indexOperations, type Operation } from './operations.js'
import { SchemaValidators } from './validators.js'

export interface OpenApiDoc {
  openapi: string
  info: { title: string; version: string }
  servers?: { url: string }[]
  paths: Record<string, Record<string, unknown>>
  components?: { schemas?: Record<string, unknown>; parameters?: Record<string, unknown> }
}

export interface Spec {
  title: string
  version: string
  sha256: string
  file: string // path as given, relative to the project for the built-in document
  doc: OpenApiDoc
  operations: Operation[]
  validators: SchemaValidators
  /** The operation with this key ('GET /persons/{id}'), or undefined. */
  operation(key: string): Operation | undefined
}

export const BUILTIN_SPEC = 'src/spec/documents/openapi_ss12000_version2_1_0.yaml'

const cache = new Map<string, Promise<Spec>>()

/** Loads (and caches per process) the spec at `file`, or the built-in SS 12000 2.1.0 document. */
export function loadSpec(file?: string): Promise<Spec> {
  const abs = file ? path.resolve(file) : path.join(projectRoot(), BUILTIN_SPEC)
  let p = cache.get(abs)
  if (!p) {
    p = doLoad(abs, file ?? BUILTIN_SPEC)
    cache.set(abs, p)
    p.catch(() => cache.delete(abs))
  }
  return p
}

async function doLoad(abs: string, shown: string): Promise<Spec> {
  let bytes: Buffer
  try {
    bytes = await readFile(abs)
  } catch (err) {
    throw new KonformError(`cannot read spec ${shown}: ${oneLine(err)}`)
  }
  let doc: OpenApiDoc
  try {
    doc = parseYaml(bytes.toString('utf8'), { maxAliasCount: 1000 }) as OpenApiDoc
  } catch (err) {
    throw new KonformError(`spec ${shown} is not valid YAML/JSON: ${oneLine(err)}`)
  }
  if (!doc || typeof doc !== 'object' || typeof doc.openapi !== 'string' || !String(doc.openapi).startsWith('3.')) {
    throw new KonformError(`spec ${shown} is not an OpenAPI 3 document`)
  }
  try {
    // validate() dereferences in place: give it a copy so `doc` keeps its $refs (validators compile by $ref).
    await SwaggerParser.validate(structuredClone(doc) as never)
  } catch (err) {
    throw new KonformError(`spec ${shown} is not a valid OpenAPI document: ${oneLine(err)}`)
  }
  const operations = indexOperations(doc)
  const byKey = new Map(operations.map((o) => [o.key, o]))
  return {
    title: doc.info.title,
    version: doc.info.version,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    file: shown,
    doc,
    operations,
    validators: new SchemaValidators(doc),
    operation: (key) => byKey.get(key),
  }
}
