// Named profiles: what a target must offer. A profile is data: its operations (as the spec spells them) and
// the checks that belong to it (each check lists its profiles).
//
// Scenario profiles (SS 12000 annex C, use cases C.1 … C.20): not defined. No public, authoritative list of the
// scenarios and the entities each needs could be found (searched: public repositories, documentation and web pages,
// 2026-11-23); the standard's annex itself is not public. They are added when such a source is at hand, cited here.

import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parse as parseYaml } from 'yaml'
import type { Bilingual } from '../src/core/result.js'
import { projectRoot } from '../src/paths.js'
import { indexOperations } from '../src/spec/operations.js'
import type { OpenApiDoc } from '../src/spec/load.js'

export interface Profile {
  title: Bilingual
  description: Bilingual
  operations: readonly string[]
}

export const PROFILES: Record<string, Profile> = {
  core: {
    title: { en: 'Core: organisations and persons', sv: 'Kärna: organisationer och personer' },
    description: {
      en: 'The entities every SS 12000 consumer starts from: organisations and persons, as lists with paging, single items and lookups, behind bearer authentication.',
      sv: 'De entiteter varje SS 12000-konsument börjar med: organisationer och personer, som listor med sidindelning, enskilda poster och uppslag, bakom bearer-autentisering.',
    },
    operations: [
      'GET /organisations',
      'POST /organisations/lookup',
      'GET /organisations/{id}',
      'GET /persons',
      'POST /persons/lookup',
      'GET /persons/{id}',
    ],
  },
  'skolverket-dnp': {
    title: { en: 'Skolverket DNP: what the national tests platform reads', sv: 'Skolverket DNP: det den digitala nationella provplattformen läser' },
    description: {
      en: "The subset of SS 12000 that Skolverket's SS12000 client consumes for the digital national tests: organisations, persons, groups, duties and activities as lists and single records, and deletedEntities (Skolverket's reference API; subscriptions, log and statistics need --allow-writes and come later).",
      sv: 'Den delmängd av SS 12000 som Skolverkets SS12000-klient läser för de digitala nationella proven: organisationer, personer, grupper, tjänstgöringar och aktiviteter som listor och enskilda poster, samt deletedEntities (Skolverkets referens-API; prenumerationer, loggning och statistik kräver --allow-writes och kommer senare).',
    },
    operations: [
      'GET /organisations',
      'GET /organisations/{id}',
      'GET /persons',
      'GET /persons/{id}',
      'GET /groups',
      'GET /groups/{id}',
      'GET /duties',
      'GET /duties/{id}',
      'GET /activities',
      'GET /activities/{id}',
      'GET /deletedEntities',
    ],
  },
}

/**
 * The write operations full-2.1 demands besides every read operation. Empty until the write-mode checks
 * (subscriptions, log, statistics, POST/DELETE of attendances …) are merged: the lead adds them here, or replaces
 * this list with every write operation of the document (`indexOperations(doc).filter((o) => !o.readOnly)`).
 */
export const FULL_WRITE_OPERATIONS: readonly string[] = []

/**
 * Read operations full-2.1 leaves to write mode for now: a subscription exists only after a POST /subscriptions,
 * and the reference server serves subscriptions with the write-mode branch. The lead empties this list when merging it.
 */
export const DEFERRED_READ_OPERATIONS: readonly string[] = ['GET /subscriptions', 'GET /subscriptions/{id}']

/** The bundled SS 12000 2.1.0 document (as src/spec/load.ts reads it: YAML core schema, so dates stay strings). */
const FULL_SPEC = 'src/spec/documents/openapi_ss12000_version2_1_0.yaml'

let fullOps: readonly string[] | undefined

/** Every read operation (GET, POST …/lookup) of the bundled document but the deferred ones, in document order, plus FULL_WRITE_OPERATIONS. */
export function fullOperations(): readonly string[] {
  if (!fullOps) {
    const doc = parseYaml(readFileSync(path.join(projectRoot(), FULL_SPEC), 'utf8'), { maxAliasCount: 1000 }) as OpenApiDoc
    const ops = indexOperations(doc)
    const writes = new Set(FULL_WRITE_OPERATIONS)
    const deferred = new Set(DEFERRED_READ_OPERATIONS)
    fullOps = Object.freeze(ops.filter((o) => (o.readOnly && !deferred.has(o.key)) || writes.has(o.key)).map((o) => o.key))
  }
  return fullOps
}

PROFILES['full-2.1'] = {
  title: { en: 'Full SS 12000 2.1.0: every operation', sv: 'Hela SS 12000 2.1.0: varje operation' },
  description: {
    en: 'Every read operation of SS 12000:2020 API 2.1.0 (all lists, single records and lookups, derived from the bundled OpenAPI document so it cannot drift), with every check that applies to them. The write operations (subscriptions, log, statistics, attendance writes) need --allow-writes and are added with the write-mode checks.',
    sv: 'Varje läsoperation i SS 12000:2020 API 2.1.0 (alla listor, enskilda poster och uppslag, hämtade ur det medföljande OpenAPI-dokumentet så att listan inte kan glida isär), med varje kontroll som gäller dem. Skrivoperationerna (prenumerationer, loggning, statistik, närvaroregistrering) kräver --allow-writes och läggs till med kontrollerna för skrivläge.',
  },
  get operations() {
    return fullOperations()
  },
}

export const DEFAULT_PROFILE = 'core'
