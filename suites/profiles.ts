// Named profiles: what a target must offer. A profile is data: its operations (as the spec spells them) and
// the checks that belong to it (each check lists its profiles).

import type { Bilingual } from '../src/core/result.js'

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
  // --- write mode (subscriptions, log, statistics, attendance-type writes); to be folded into full-2.1 ---
  'write-mode': {
    title: { en: 'Write mode: subscriptions, log, statistics and attendance writes', sv: 'Skrivläge: prenumerationer, loggning, statistik och närvaroskrivningar' },
    description: {
      en: 'The operations that change data on the target, checked only with --allow-writes: subscriptions (create, list, get, renew, delete, and the notice after a change), log and statistics entries, and POST/DELETE of attendances, attendance events, attendance schedules and absences. Every check cleans up what it created where the spec offers a DELETE.',
      sv: 'De operationer som ändrar data hos målet, kontrolleras endast med --allow-writes: prenumerationer (skapa, lista, hämta, förnya, ta bort, samt notisen efter en ändring), logg- och statistikposter, och POST/DELETE av närvaro, närvarohändelser, vistelsescheman och frånvaro. Varje kontroll städar upp efter sig där specifikationen har en DELETE.',
    },
    operations: [
      'POST /subscriptions',
      'GET /subscriptions',
      'GET /subscriptions/{id}',
      'PATCH /subscriptions/{id}',
      'DELETE /subscriptions/{id}',
      'POST /log/',
      'POST /statistics/',
      'POST /attendances',
      'DELETE /attendances/{id}',
      'POST /attendanceEvents',
      'DELETE /attendanceEvents/{id}',
      'POST /attendanceSchedule',
      'DELETE /attendanceSchedule/{id}',
      'POST /absences',
    ],
  },
  // --- end write mode ---
}

export const DEFAULT_PROFILE = 'core'
