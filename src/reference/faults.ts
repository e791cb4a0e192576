// Named faults of the reference server: each breaks exactly one rule, so that every check can be shown to fail.
// One line each: id -> what it breaks. `konform serve --fault ID` and `konform run --fault ID` switch them on.

import type { Bilingual } from '../core/result.js'

export const FAULTS = {
  'auth.accept-missing-token': {
    en: 'Serves API requests that carry no bearer token.',
    sv: 'Besvarar API-anrop som saknar bearer-token.',
  },
  'auth.accept-invalid-token': {
    en: 'Serves API requests whose bearer token is not a valid token it issued (any non-empty token is accepted).',
    sv: 'Besvarar API-anrop vars bearer-token inte är en giltig token som servern utfärdat (alla icke-tomma godtas).',
  },
  'auth.token-without-type': {
    en: 'The token endpoint leaves token_type out of its answer.',
    sv: 'Tokenändpunkten utelämnar token_type i sitt svar.',
  },
  'auth.scheme-case-sensitive': {
    en: 'Accepts the authorization scheme only when spelt exactly "Bearer" (refuses "bearer").',
    sv: 'Godtar autentiseringsschemat endast när det stavas exakt "Bearer" (nekar "bearer").',
  },
  'auth.401-without-challenge': {
    en: 'Refuses requests without a token with 401 but no WWW-Authenticate header.',
    sv: 'Nekar anrop utan token med 401 men utan WWW-Authenticate-huvud.',
  },
  'auth.token-accepts-wrong-secret': {
    en: 'The token endpoint issues a token to the right client id with any client secret.',
    sv: 'Tokenändpunkten utfärdar en token till rätt klient-id med vilken klienthemlighet som helst.',
  },
  'auth.token-accepts-any-grant': {
    en: 'The token endpoint issues a token for any grant_type, not only client_credentials.',
    sv: 'Tokenändpunkten utfärdar en token för vilken grant_type som helst, inte bara client_credentials.',
  },
  'ops.lookups-missing': {
    en: 'Offers no lookup operations: every POST …/lookup is answered 404, as if the route did not exist.',
    sv: 'Erbjuder inga uppslagsoperationer: varje POST …/lookup besvaras med 404, som om vägen inte fanns.',
  },
  'paging.ignore-limit': {
    en: 'Ignores the limit parameter and returns every matching record on the first page.',
    sv: 'Struntar i parametern limit och returnerar alla träffar på första sidan.',
  },
  'paging.repeat-last-item': {
    en: 'Repeats the last record of each page as the first record of the next page.',
    sv: 'Upprepar sista posten på varje sida som första post på nästa sida.',
  },
  'paging.skip-first-item': {
    en: 'Drops the first record of every page after the first one.',
    sv: 'Tappar första posten på varje sida efter den första.',
  },
  'paging.never-ends': {
    en: 'Always returns a pageToken, so a client following it never reaches the end.',
    sv: 'Returnerar alltid en pageToken, så en klient som följer den når aldrig slutet.',
  },
  'paging.token-with-filters-accepted': {
    en: 'Accepts pageToken combined with other filters instead of answering 400.',
    sv: 'Godtar pageToken tillsammans med andra filter i stället för att svara 400.',
  },
  'paging.limit-zero-accepted': {
    en: 'Accepts limit=0 (below the minimum of 1) instead of answering 400.',
    sv: 'Godtar limit=0 (under minimum 1) i stället för att svara 400.',
  },
  'item.malformed-id-404': {
    en: 'Answers 404 instead of 400 for an id that is not a UUID.',
    sv: 'Svarar 404 i stället för 400 för ett id som inte är ett UUID.',
  },
  'item.unknown-id-200': {
    en: 'Answers 200 with an empty object for an unknown id instead of 404.',
    sv: 'Svarar 200 med ett tomt objekt för ett okänt id i stället för 404.',
  },
  'item.differs-from-list': {
    en: 'The item endpoint returns a displayName (organisations, groups, activities) or givenName (persons) that differs from the list’s.',
    sv: 'Objektanropet returnerar ett displayName (organisationer, grupper, aktiviteter) eller givenName (personer) som skiljer sig från listans.',
  },
  'schema.missing-meta': {
    en: 'Leaves out the required meta object from every record it serves.',
    sv: 'Utelämnar det obligatoriska meta-objektet från varje post den levererar.',
  },
  'schema.bad-enum': {
    en: 'Serves organisationType values outside the spec enumeration.',
    sv: 'Levererar organisationType-värden utanför specifikationens uppräkning.',
  },
  'lookup.ignore-ids': {
    en: 'The lookup endpoints ignore the requested ids and return every record.',
    sv: 'Uppslagsändpunkterna struntar i efterfrågade id:n och returnerar alla poster.',
  },
  'ern.always-display-name': {
    en: 'Returns displayName on references even when expandReferenceNames is not set.',
    sv: 'Returnerar displayName på referenser även när expandReferenceNames inte är satt.',
  },
  'error.no-body': {
    en: 'Answers 400 without the Error body {code, message} the spec requires.',
    sv: 'Svarar 400 utan den Error-kropp {code, message} som specifikationen kräver.',
  },
  'filter.modified-after-inclusive': {
    en: 'meta.modified.after is applied as inclusive (>=) instead of exclusive.',
    sv: 'meta.modified.after tillämpas inkluderande (>=) i stället för exkluderande.',
  },
  'filter.created-before-exclusive': {
    en: 'meta.created.before is applied as exclusive (<) instead of inclusive.',
    sv: 'meta.created.before tillämpas exkluderande (<) i stället för inkluderande.',
  },
  'filter.meta-ignored': {
    en: 'The meta.created/meta.modified filters are checked (a malformed one is 400) but not applied: they narrow nothing.',
    sv: 'Filtren meta.created/meta.modified kontrolleras (ett felformat värde ger 400) men tillämpas inte: de begränsar ingenting.',
  },
  'filter.name-case-sensitive': {
    en: 'nameContains compares case-sensitively.',
    sv: 'nameContains jämför skiftlägeskänsligt.',
  },
  'filter.name-any-value': {
    en: 'With several nameContains values, a person matching any one of them is returned (instead of all).',
    sv: 'Med flera nameContains-värden returneras en person som matchar något av dem (i stället för alla).',
  },
  'filter.unknown-enum-ignored': {
    en: 'An unknown value of an enumerated filter is ignored instead of answered 400.',
    sv: 'Ett okänt värde i ett uppräkningsfilter ignoreras i stället för att besvaras med 400.',
  },
  'sort.unknown-key-ignored': {
    en: 'An unknown sortkey is ignored instead of answered 400.',
    sv: 'En okänd sortkey ignoreras i stället för att besvaras med 400.',
  },
  'sort.broken-on-page-2': {
    en: 'From the second page on, each page of a sorted list is served in reverse order.',
    sv: 'Från andra sidan och framåt levereras varje sida av en sorterad lista i omvänd ordning.',
  },
  'ern.ignored': {
    en: 'expandReferenceNames=true is ignored: references never carry displayName.',
    sv: 'expandReferenceNames=true ignoreras: referenser har aldrig displayName.',
  },
  'lookup.civicnos-ignored': {
    en: 'The persons lookup ignores civicNos and finds persons by ids only.',
    sv: 'Personuppslaget ignorerar civicNos och hittar personer endast på id.',
  },
  'identity.unstable-ids': {
    en: 'Record ids change from one call to the next.',
    sv: 'Posternas id ändras från ett anrop till nästa.',
  },
  'data.malformed-civicno': {
    en: 'civicNo.value is served with a separator (YYYYMMDD-NNNN) instead of 12 characters.',
    sv: 'civicNo.value levereras med skiljetecken (ÅÅÅÅMMDD-NNNN) i stället för 12 tecken.',
  },
  'item.unknown-id-500': {
    en: 'Answers 500 instead of 404 for an unknown id.',
    sv: 'Svarar 500 i stället för 404 för ett okänt id.',
  },
  // --- export (issue #5): export.* and data.dangling-*, implemented in export-faults.ts ---
  'data.dangling-reference': {
    en: 'The first group refers to an organisation id that no record has (a dangling reference).',
    sv: 'Den första gruppen hänvisar till ett organisations-id som ingen post har (en dinglande referens).',
  },
  'export.list-forbidden': {
    en: 'GET /activities answers 403 to the customer’s read credential: activities cannot be exported.',
    sv: 'GET /activities svarar 403 på kundens läsbehörighet: aktiviteter kan inte exporteras.',
  },
  'export.active-only': {
    en: 'The lists of groups, duties and activities leave out records whose endDate has passed (no history).',
    sv: 'Listorna över grupper, tjänstgöringar och aktiviteter utelämnar poster vars endDate har passerats (ingen historik).',
  },
  'export.deleted-still-listed': {
    en: 'A group listed in /deletedEntities is still served by GET /groups.',
    sv: 'En grupp som listas i /deletedEntities levereras fortfarande av GET /groups.',
  },
  'export.deletions-missing': {
    en: '/deletedEntities leaves out the deleted persons.',
    sv: '/deletedEntities utelämnar de borttagna personerna.',
  },
  'export.throttle-without-retry-after': {
    en: 'The first GET /duties is answered 429 Too Many Requests without a Retry-After header.',
    sv: 'Första GET /duties besvaras med 429 Too Many Requests utan Retry-After-huvud.',
  },
  'export.duties-empty': {
    en: 'GET /duties answers an empty list although the data holds duties.',
    sv: 'GET /duties svarar med en tom lista fast datan innehåller tjänstgöringar.',
  },
  'export.fraction-rounded': {
    en: 'Date-time filters round fractional seconds to the nearest second (09:59:59.5Z is read as 10:00:00Z).',
    sv: 'Datum-tid-filter avrundar bråkdelar av sekunder till närmaste sekund (09:59:59.5Z läses som 10:00:00Z).',
  },
  'export.offset-ignored': {
    en: 'Date-time filters ignore a UTC offset other than Z (10:00+02:00 is read as 10:00Z).',
    sv: 'Datum-tid-filter struntar i en annan UTC-förskjutning än Z (10:00+02:00 läses som 10:00Z).',
  },
} as const satisfies Record<string, Bilingual>

export type FaultId = keyof typeof FAULTS

export const FAULT_IDS = Object.keys(FAULTS) as FaultId[]

export function isFaultId(s: string): s is FaultId {
  return Object.hasOwn(FAULTS, s)
}
