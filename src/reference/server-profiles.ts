// What the built-in server offers (issue #3): `konform serve --profile NAME`. full-2.1 (the default) serves every
// operation of SS 12000 2.1.0; skolverket-dnp only what Skolverket's DNP client uses (notes/ss12000-api.md
// section 16: the five entities as lists and items, deletedEntities, subscriptions, log and statistics). An
// operation outside the profile answers 404, as on a vendor system that does not offer it. `konform run` against
// the built-in server always serves full-2.1, so one run can show any profile.

import { PROFILES } from '../../suites/profiles.js'

/** Profile -> the operations served ('GET /persons/{id}', relative to the API base; writes spelt as the server routes them). */
export const SERVER_PROFILES: Readonly<Record<string, readonly string[] | 'all'>> = {
  'full-2.1': 'all',
  'skolverket-dnp': [
    ...PROFILES['skolverket-dnp'].operations,
    'POST /subscriptions',
    'PATCH /subscriptions/{id}',
    'DELETE /subscriptions/{id}',
    'POST /log/',
    'POST /statistics/',
  ],
}

export const SERVER_PROFILE_NAMES = Object.keys(SERVER_PROFILES)
