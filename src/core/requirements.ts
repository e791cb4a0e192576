// The requirements konform's checks prove, as data: ref -> standard, section and what it demands.
// Swedish quotes are the SS 12000 document's own words (src/spec/documents/openapi_ss12000_version2_1_0.yaml).

import type { RequirementInfo } from './result.js'

const SS = 'SS 12000:2020 API (OpenAPI 2.1.0, SIS TK450)'
const RFC6749 = 'RFC 6749 The OAuth 2.0 Authorization Framework'
const RFC6750 = 'RFC 6750 OAuth 2.0 Bearer Token Usage'

type Entry = Omit<RequirementInfo, 'ref'>

const DATA_ACT = 'Regulation (EU) 2023/2854 (Data Act), chapter VI'
const DATA_ACT_URL = 'http://data.europa.eu/eli/reg/2023/2854/oj'

const TABLE: Record<string, Entry> = {
  'SS12000-RESPONSE-SCHEMA': {
    standard: SS,
    section: 'paths.*.responses: content application/json schema',
    text: {
      en: 'A successful response body is the schema the operation declares for its status code (required fields, types, enumerations, formats).',
      sv: 'Ett lyckat svar har den kropp som operationen deklarerar för statuskoden (obligatoriska fält, typer, uppräkningar, format).',
    },
  },
  'SS12000-LIST-ENVELOPE': {
    standard: SS,
    section: 'components.schemas.*s: {data, pageToken}; pageToken description',
    text: {
      en: 'A list answer is {data: [...], pageToken}; "Om värdet är null finns inget mer att hämta" (null means nothing more to fetch).',
      sv: 'Ett listsvar är {data: [...], pageToken}; "Om värdet är null finns inget mer att hämta på det token som skickades in som query parameter."',
    },
  },
  'SS12000-PARAM-LIMIT': {
    standard: SS,
    section: 'query parameter limit (schema minimum: 1)',
    text: {
      en: '"Antal poster som ska visas i resultatet": at most limit records per page; limit is an integer of at least 1.',
      sv: '"Antal poster som ska visas i resultatet." Högst limit poster per sida; limit är ett heltal, minst 1.',
    },
  },
  'SS12000-PARAM-PAGETOKEN': {
    standard: SS,
    section: 'query parameter pageToken; responses.400',
    text: {
      en: 'pageToken "cannot be combined with other filters but can with limit"; such a request is answered 400 with an Error body.',
      sv: 'pageToken "Kan inte komibineras med andra filter men väl med limit"; ett sådant anrop besvaras med 400 och en Error-kropp.',
    },
  },
  'SS12000-ITEM-400': {
    standard: SS,
    section: 'GET /{entity}/{id}: id format uuid; responses.400 "Felaktigt id."',
    text: {
      en: 'An id that is not a UUID is answered 400 ("Felaktigt id", wrong id) with an Error body.',
      sv: 'Ett id som inte är ett UUID besvaras med 400 ("Felaktigt id.") och en Error-kropp.',
    },
  },
  'SS12000-ITEM-404': {
    standard: SS,
    section: 'GET /{entity}/{id}: responses.404 "Posten hittades inte."',
    text: {
      en: 'A well-formed id that names no record is answered 404 ("Posten hittades inte", record not found).',
      sv: 'Ett välformat id som inte motsvarar någon post besvaras med 404 ("Posten hittades inte.").',
    },
  },
  'SS12000-ID-PERSISTENT': {
    standard: SS,
    section: 'components.schemas.Person.id (and every entity id)',
    text: {
      en: 'An object has the same transfer id in every call: "Objektidentifikatorn är den nyckel som skall vara persistent mellan olika processer"; the item endpoint returns the record the list returns.',
      sv: '"Ett objekt ska ha samma överförings-ID mellan samtliga ingående system … Objektidentifikatorn är den nyckel som skall vara persistent mellan olika processer."',
    },
  },
  'SS12000-LOOKUP': {
    standard: SS,
    section: 'POST /{entity}/lookup',
    text: {
      en: 'A lookup returns the records named in the request ("hämta många … baserat på en lista av ID:n"), as a bare array.',
      sv: 'Ett uppslag returnerar de poster som anropet anger ("Hämta många … baserat på en lista av ID:n"), som en array.',
    },
  },
  'SS12000-ERN': {
    standard: SS,
    section: 'components.schemas.ObjectReference.displayName; query parameter expandReferenceNames',
    text: {
      en: 'displayName on a reference "Skall endast returneras när query parametern expandReferenceNames är satt till true" (shall only be returned when expandReferenceNames is true).',
      sv: 'displayName på en referens "Skall endast returneras när query parametern `expandReferenceNames` är satt till true."',
    },
  },
  'SS12000-ERROR-BODY': {
    standard: SS,
    section: 'components.schemas.Error {code, message} (responses 400, 403, 503, default)',
    text: {
      en: 'Error answers carry an Error body with string code and string message.',
      sv: 'Felsvar har en Error-kropp med strängarna code och message.',
    },
  },
  'SS12000-SECURITY-BEARER': {
    standard: SS,
    section: 'security: BearerAuth (http, scheme bearer, bearerFormat JWT), global; responses.403 "Åtkomst nekad."',
    text: {
      en: 'Every operation requires a bearer token; a request without valid access is refused ("Åtkomst nekad", access denied).',
      sv: 'Varje operation kräver en bearer-token; ett anrop utan giltig åtkomst nekas ("Åtkomst nekad.").',
    },
  },
  'SS12000-FILTER-META': {
    standard: SS,
    section: 'query parameters meta.created.before/after, meta.modified.before/after',
    text: {
      en: 'meta.*.before: records created/modified "på eller före" (on or before) the timestamp, inclusive; meta.*.after: records created/modified after it, "Exkluderande" (exclusive).',
      sv: '"Endast poster skapade/modifierade på eller före detta timestamp … Inkluderande" (before); "Endast poster skapade/modifierade efter detta timestamp … Exkluderande" (after).',
    },
  },
  'SS12000-FILTER-NAMECONTAINS': {
    standard: SS,
    section: 'GET /persons query parameter nameContains',
    text: {
      en: 'The search "ska ske shiftlägesokänsligt" (shall be case-insensitive), the value may occur anywhere in any of the three name fields, and with several values every value must match at least one name field.',
      sv: '"Sökningen ska ske shiftlägesokänsligt och värdet kan förekomma var som helst i något av alla tre namnfälten. Anges flera värden så måste samtliga värden matcha minst ett av namnfälten."',
    },
  },
  'SS12000-REQUEST-SCHEMA': {
    standard: SS,
    section: 'paths.*.parameters: schema (enum, type, minimum); responses.400',
    text: {
      en: 'A query parameter outside its declared schema (a value not in its enumeration) is a bad request, answered 400 with an Error body rather than ignored.',
      sv: 'En frågeparameter utanför sitt deklarerade schema (ett värde som inte finns i uppräkningen) är en felaktig begäran och besvaras med 400 och en Error-kropp i stället för att ignoreras.',
    },
  },
  'SS12000-SORTKEY': {
    standard: SS,
    section: 'query parameter sortkey (enum per operation)',
    text: {
      en: 'sortkey "Anger hur resultatet ska sorteras" (states how the result shall be sorted): the order holds over the whole result, across pages.',
      sv: 'sortkey "Anger hur resultatet ska sorteras": ordningen gäller hela resultatet, över alla sidor.',
    },
  },
  'SS12000-LOOKUP-CIVICNO': {
    standard: SS,
    section: 'POST /persons/lookup: request body {ids, civicNos}',
    text: {
      en: 'Persons can be looked up by civic number (civicNos) as well as by id.',
      sv: 'Personer kan slås upp på personnummer (civicNos) likaväl som på id.',
    },
  },
  'SS12000-CIVICNO-FORMAT': {
    standard: SS,
    section: 'components.schemas.Person_civicNo.value',
    text: {
      en: 'A civic number "Ska anges med 12 siffror utan separatorer" (shall be 12 digits without separators); a temporary number may have letters in the two positions after the date.',
      sv: 'Personnummer "Ska anges med 12 siffror utan separatorer"; för tillfälliga personnummer "tillåts de två första positionerna efter datumdelen att vara bokstäver".',
    },
  },
  'RFC6749-5.2': {
    standard: RFC6749,
    section: '5.2 Error Response (invalid_client, unsupported_grant_type)',
    text: {
      en: 'A token request with failed client authentication is refused with invalid_client (401 with WWW-Authenticate when the client used HTTP Basic); a grant type the server does not support is refused with 400 unsupported_grant_type.',
      sv: 'En tokenbegäran där klientautentiseringen misslyckas nekas med invalid_client (401 med WWW-Authenticate när klienten använde HTTP Basic); en grant-typ som servern inte stöder nekas med 400 unsupported_grant_type.',
    },
    url: 'https://www.rfc-editor.org/rfc/rfc6749#section-5.2',
  },
  'RFC6750-3': {
    standard: RFC6750,
    section: '3 The WWW-Authenticate Response Header Field',
    text: {
      en: 'A 401 answer to a request that lacks valid credentials includes a WWW-Authenticate header with the Bearer scheme.',
      sv: 'Ett 401-svar på ett anrop utan giltiga autentiseringsuppgifter har ett WWW-Authenticate-huvud med schemat Bearer.',
    },
    url: 'https://www.rfc-editor.org/rfc/rfc6750#section-3',
  },
  'RFC7235-2.1': {
    standard: 'RFC 7235 HTTP/1.1 Authentication (now RFC 9110 11.1)',
    section: '2.1 Challenge and Response: the auth-scheme is case-insensitive',
    text: {
      en: 'The authorization scheme is a case-insensitive token: "bearer" names the same scheme as "Bearer".',
      sv: 'Autentiseringsschemat är skiftlägesokänsligt: "bearer" är samma schema som "Bearer".',
    },
    url: 'https://www.rfc-editor.org/rfc/rfc7235#section-2.1',
  },
  'RFC6750-3.1': {
    standard: RFC6750,
    section: '3.1 Error Codes (invalid_token)',
    text: {
      en: 'A request with a missing, expired, revoked or malformed access token is refused (401 with WWW-Authenticate; SS 12000 itself names 403).',
      sv: 'Ett anrop med saknad, utgången, återkallad eller felformad åtkomsttoken nekas (401 med WWW-Authenticate; SS 12000 anger själv 403).',
    },
    url: 'https://www.rfc-editor.org/rfc/rfc6750#section-3.1',
  },
  'KONFORM-PROFILE-OPERATIONS': {
    standard: 'konform profile (suites/profiles.ts), over SS 12000:2020 API 2.1.0 paths',
    section: 'the operations the chosen profile lists',
    text: {
      en: 'Every operation the chosen profile demands is offered: it answers as the spec describes, not 404, 405 or 501.',
      sv: 'Varje operation som den valda profilen kräver erbjuds: den svarar som specifikationen beskriver, inte 404, 405 eller 501.',
    },
  },
  'RFC6749-4.4': {
    standard: RFC6749,
    section: '4.4 Client Credentials Grant; 5.1 Successful Response',
    text: {
      en: 'The token endpoint answers a valid client-credentials request with 200 and JSON carrying access_token and token_type.',
      sv: 'Tokenändpunkten besvarar en giltig client-credentials-begäran med 200 och JSON med access_token och token_type.',
    },
    url: 'https://www.rfc-editor.org/rfc/rfc6749#section-4.4',
  },
  // --- export (issue #5): EU Data Act chapter VI, DIGG, SS 12000 deletedEntities ---
  'EU-DA-23': {
    standard: DATA_ACT,
    section: 'Art. 23(c): obstacles to switching',
    text: {
      en: 'The provider "shall not impose and shall remove … technical … obstacles" to porting the customer\'s exportable data: every list must be readable to its end with the customer\'s credentials.',
      sv: 'Leverantören ska inte införa och ska undanröja tekniska hinder för att flytta kundens exporterbara data: varje lista ska kunna läsas till slutet med kundens behörighet.',
    },
    url: DATA_ACT_URL,
  },
  'EU-DA-30.2': {
    standard: DATA_ACT,
    section: 'Art. 30(2): open interfaces for data portability',
    text: {
      en: 'Open interfaces, free of charge, with enough information to develop software that ports the data (here: the documented SS 12000 API).',
      sv: 'Öppna gränssnitt, utan kostnad, med tillräcklig information för att utveckla programvara som flyttar datan (här: det dokumenterade SS 12000-API:t).',
    },
    url: DATA_ACT_URL,
  },
  'EU-DA-30.5': {
    standard: DATA_ACT,
    section: 'Art. 30(5): structured, commonly used, machine-readable format',
    text: {
      en: 'Exportable data in a structured, commonly used and machine-readable format: JSON valid against the SS 12000 schemas.',
      sv: 'Exporterbar data i ett strukturerat, allmänt använt och maskinläsbart format: JSON som validerar mot SS 12000-schemana.',
    },
    url: DATA_ACT_URL,
  },
  'EU-DA-2.38': {
    standard: DATA_ACT,
    section: 'Art. 2(38): exportable data, including metadata',
    text: {
      en: 'Exportable data is the input and output data "including metadata" generated by the customer\'s use: the records, their meta timestamps, their references and their history.',
      sv: 'Exporterbar data är in- och utdata "inklusive metadata" som genererats av kundens användning: posterna, deras meta-tidsstämplar, referenser och historik.',
    },
    url: DATA_ACT_URL,
  },
  'EU-DA-25.2': {
    standard: DATA_ACT,
    section: 'Art. 25(2)(a), (g): switching within 30 days; data retrievable',
    text: {
      en: 'Porting completes within the 30-day transitional period and the data stays retrievable: an export must be repeatable and an incremental export must bring it up to date.',
      sv: 'Flytten slutförs inom övergångsperioden på 30 dagar och datan förblir hämtbar: en export ska kunna upprepas och en inkrementell export ska kunna göra den aktuell.',
    },
    url: DATA_ACT_URL,
  },
  'SS12000-DELETED-ENTITIES': {
    standard: SS,
    section: 'GET /deletedEntities (after, entities); DeletedEntities schema',
    text: {
      en: '/deletedEntities lists the ids of removed records per type, "borttag som inträffat efter" after; a removed record is no longer served.',
      sv: '/deletedEntities listar id för borttagna poster per typ, "borttag som inträffat efter" after; en borttagen post levereras inte längre.',
    },
  },
  'DIGG-DOT-01': {
    standard: 'DIGG REST API-profil (dataportal.se/rest-api-profil)',
    section: 'DOT.01 / DOT.02: time zones and RFC 3339',
    text: {
      en: 'APIs accept every time zone and return date-times in UTC (RFC 3339): the same instant with another offset means the same thing.',
      sv: 'API:er ska acceptera alla tidszoner och returnera datum och tid i UTC (RFC 3339): samma tidpunkt med en annan förskjutning betyder samma sak.',
    },
    url: 'https://www.dataportal.se/rest-api-profil/datum-och-tidsformat',
  },
}

export function isKnownRequirement(ref: string): boolean {
  return Object.hasOwn(TABLE, ref)
}

export function requirementInfo(ref: string): RequirementInfo {
  const e = TABLE[ref]
  if (!e) throw new Error(`unknown requirement ${ref}`)
  return { ref, ...e }
}

export function allRequirements(): RequirementInfo[] {
  return Object.keys(TABLE).map(requirementInfo)
}
