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
}

export const DEFAULT_PROFILE = 'core'
