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
  // --- write mode: subscriptions, log, statistics, attendance-type writes ---
  'SS12000-SUBSCRIPTION-CREATE': {
    standard: SS,
    section: 'POST /subscriptions: responses.201 Subscription (CreateSubscription + id, expires; both required)',
    text: {
      en: 'Creating a subscription is answered 201 "Prenumeration skapad" with the Subscription: its id (uuid) and when it expires (date-time).',
      sv: 'Att skapa en prenumeration besvaras med 201 och prenumerationen: dess id (uuid) och när den upphör (expires, date-time).',
    },
  },
  'SS12000-SUBSCRIPTION-READ': {
    standard: SS,
    section: 'GET /subscriptions (Subscriptions, paged); GET /subscriptions/{id}: 200, 404 "Posten hittades inte."',
    text: {
      en: 'The subscriptions that exist are listed and served by id; an id that names none is answered 404.',
      sv: 'De prenumerationer som finns listas och levereras per id; ett id som inte motsvarar någon besvaras med 404 ("Posten hittades inte.").',
    },
  },
  'SS12000-SUBSCRIPTION-RENEW': {
    standard: SS,
    section: 'PATCH /subscriptions/{id}: "Uppdatera expire time på prenumerationen baserat på ID"',
    text: {
      en: 'PATCH renews a subscription: it answers 200 with the Subscription, whose expires lies later than before.',
      sv: '"Uppdatera expire time på prenumerationen": PATCH svarar 200 med prenumerationen, vars expires ligger senare än förut.',
    },
  },
  'SS12000-SUBSCRIPTION-DELETE': {
    standard: SS,
    section: 'DELETE /subscriptions/{id}: responses.204',
    text: {
      en: 'Deleting a subscription is answered 204 (no body); afterwards the subscription is gone.',
      sv: 'Att ta bort en prenumeration besvaras med 204 (ingen kropp); därefter finns prenumerationen inte.',
    },
  },
  'SS12000-SUBSCRIPTION-NOTICE': {
    standard: SS,
    section: 'components.schemas.CreateSubscription; callbacks.subscriptionEvent (body {modifiedEntites, deletedEntities})',
    text: {
      en: '"Informationsägaren ska skicka en notis för varje registrerad prenumeration så fort en förändring identifieras" (the owner shall send a notice to every subscription as soon as a change is identified), POSTed to target.',
      sv: '"Vid ändringar … ska det konsumerande systemet notifieras via den URL som anges i target … Informationsägaren ska skicka en notis för varje registrerad prenumeration så fort en förändring identifieras."',
    },
  },
  'SS12000-LOG': {
    standard: SS,
    section: 'POST /log/: requestBody LogEntry (required: message, severityLevel); responses.201 "Loggpost skapad."',
    text: {
      en: 'A valid LogEntry is accepted with 201; a body that is not one (a required field missing, a value outside its enumeration) is refused.',
      sv: 'En giltig LogEntry tas emot med 201 ("Loggpost skapad."); en kropp som inte är en (obligatoriskt fält saknas, värde utanför uppräkningen) nekas.',
    },
  },
  'SS12000-STATISTICS': {
    standard: SS,
    section: 'POST /statistics/: requestBody StatisticsEntry (required: resourceType, newCount, updatedCount, deletedCount); responses.201',
    text: {
      en: 'A valid StatisticsEntry is accepted with 201; a body that is not one is refused.',
      sv: 'En giltig StatisticsEntry tas emot med 201; en kropp som inte är en nekas.',
    },
  },
  'SS12000-WRITE-CREATE': {
    standard: SS,
    section: 'POST /attendances, /attendanceEvents, /attendanceSchedule, /absences: requestBody required; responses.200 "Post skapad."',
    text: {
      en: 'A valid record is stored and answered 200 with the record as created (with its id); a body that fails the schema is refused.',
      sv: 'En giltig post sparas och besvaras med 200 och posten som den skapades (med sitt id); en kropp som inte följer schemat nekas.',
    },
  },
  'SS12000-DELETE-RECORDED': {
    standard: SS,
    section: 'GET /deletedEntities (DeletedEntities.data); DELETE /attendances/{id}, /attendanceEvents/{id}, /attendanceSchedule/{id}: responses.204',
    text: {
      en: 'A deletion is answered 204 and is then listed by deletedEntities under its type, so consumers learn of it.',
      sv: 'Ett borttag besvaras med 204 och listas därefter av deletedEntities under sin typ, så att konsumenter får veta det.',
    },
  },
  // --- end write mode ---
  // --- auth: JWT rules at the resource server, DNP tokens (issue #6) ---
  'RFC6750-2.1': {
    standard: RFC6750,
    section: '2.1 Authorization Request Header Field',
    text: {
      en: 'A resource server accepts a valid access token sent as "Authorization: Bearer <token>".',
      sv: 'En resursserver godtar en giltig åtkomsttoken som skickas som "Authorization: Bearer <token>".',
    },
    url: 'https://www.rfc-editor.org/rfc/rfc6750#section-2.1',
  },
  'RFC7519-7.2': {
    standard: 'RFC 7519 JSON Web Token (JWT)',
    section: '7.2 Validating a JWT',
    text: {
      en: 'A JWT is accepted only when its signature verifies with a key the recipient trusts for its issuer; otherwise it is rejected.',
      sv: 'En JWT godtas endast när signaturen verifieras med en nyckel som mottagaren litar på för utfärdaren; annars avvisas den.',
    },
    url: 'https://www.rfc-editor.org/rfc/rfc7519#section-7.2',
  },
  'RFC7519-4.1.4': {
    standard: 'RFC 7519 JSON Web Token (JWT)',
    section: '4.1.4 "exp" (Expiration Time) Claim',
    text: {
      en: 'The JWT MUST NOT be accepted for processing on or after its expiration time.',
      sv: 'JWT:n får inte godtas vid eller efter sin utgångstid (exp).',
    },
    url: 'https://www.rfc-editor.org/rfc/rfc7519#section-4.1.4',
  },
  'RFC7519-4.1.5': {
    standard: 'RFC 7519 JSON Web Token (JWT)',
    section: '4.1.5 "nbf" (Not Before) Claim',
    text: {
      en: 'The JWT MUST NOT be accepted for processing before its not-before time.',
      sv: 'JWT:n får inte godtas före sin giltighetsstart (nbf).',
    },
    url: 'https://www.rfc-editor.org/rfc/rfc7519#section-4.1.5',
  },
  'RFC7519-4.1.1': {
    standard: 'RFC 7519 JSON Web Token (JWT)',
    section: '4.1.1 "iss" (Issuer) Claim; RFC 9068 4',
    text: {
      en: 'The resource server accepts a token only from the issuer it trusts (iss matches exactly).',
      sv: 'Resursservern godtar endast token från den utfärdare den litar på (iss stämmer exakt).',
    },
    url: 'https://www.rfc-editor.org/rfc/rfc7519#section-4.1.1',
  },
  'RFC7519-4.1.3': {
    standard: 'RFC 7519 JSON Web Token (JWT)',
    section: '4.1.3 "aud" (Audience) Claim',
    text: {
      en: 'If the recipient does not identify itself with a value in aud, the JWT MUST be rejected.',
      sv: 'Om mottagaren inte identifierar sig med ett värde i aud ska JWT:n avvisas.',
    },
    url: 'https://www.rfc-editor.org/rfc/rfc7519#section-4.1.3',
  },
  'RFC8725-3.1': {
    standard: 'RFC 8725 JSON Web Token Best Current Practices',
    section: '3.1 Perform Algorithm Verification; 2.1 Weak Signatures (alg none) and algorithm confusion',
    text: {
      en: 'Libraries MUST let the caller fix the algorithms; "none" and an HMAC keyed with an asymmetric public key are never accepted.',
      sv: 'Algoritmen ska vara fastställd av mottagaren; "none" och HMAC med en asymmetrisk publik nyckel som hemlighet godtas aldrig.',
    },
    url: 'https://www.rfc-editor.org/rfc/rfc8725#section-3.1',
  },
  'DNP-AUTH-JWT': {
    standard: 'Skolverket DNP authentication API (skolverket/dnp-usermanagement, authentication-api/README.md)',
    section: 'SS 12000 API: the JWT from nutid-auth, checks by the huvudman',
    text: {
      en: "The huvudman's API checks the signature via JWKS by kid, organization_id = SE2021004185, requested_access type ss12000-api with locations naming this API, and nbf/exp.",
      sv: 'Huvudmannens API kontrollerar signaturen via JWKS och kid, organization_id = SE2021004185, requested_access av typen ss12000-api med locations som anger detta API, samt nbf/exp.',
    },
    url: 'https://github.com/skolverket/dnp-usermanagement/tree/main/authentication-api',
  },
  // --- end auth: JWT rules ---
  // --- auth: mutual TLS (issue #6) ---
  'RFC8705-2': {
    standard: 'RFC 8705 OAuth 2.0 Mutual-TLS Client Authentication and Certificate-Bound Access Tokens',
    section: '2 Mutual TLS for OAuth Client Authentication',
    text: {
      en: 'A server that authenticates clients by certificate refuses a client with no certificate or with one it cannot validate.',
      sv: 'En server som autentiserar klienter med certifikat nekar en klient utan certifikat eller med ett certifikat den inte kan validera.',
    },
    url: 'https://www.rfc-editor.org/rfc/rfc8705#section-2',
  },
  'FEDTLS-AUTH': {
    standard: 'RFC 9932 Mutually Authenticated TLS Federation (MATF), formerly draft-halen-fed-tls-auth',
    section: 'Authentication',
    text: {
      en: '"A received certificate that fails validation MUST result in the immediate termination of the connection"; a client without a certificate from a federation issuer is not served.',
      sv: '"A received certificate that fails validation MUST result in the immediate termination of the connection"; en klient utan certifikat från en federationsutfärdare betjänas inte.',
    },
    url: 'https://datatracker.ietf.org/doc/draft-halen-fed-tls-auth/',
  },
  'FEDTLS-TLS12': {
    standard: 'RFC 9932 (MATF) / Moa technical profile; RFC 9325',
    section: 'TLS versions',
    text: {
      en: 'Federation TLS connections use TLS 1.2 or newer; TLS 1.0 and 1.1 are refused.',
      sv: 'Federationens TLS-anslutningar använder TLS 1.2 eller senare; TLS 1.0 och 1.1 nekas.',
    },
    url: 'https://www.rfc-editor.org/rfc/rfc9325',
  },
  // --- end auth: mutual TLS ---
  // --- auth: FedTLS/MATF metadata (issue #6) ---
  'FEDTLS-MD-SIGNING': {
    standard: 'RFC 9932 Mutually Authenticating TLS in the Context of Federations (MATF; draft-halen-fed-tls-auth)',
    section: 'Metadata Signing',
    text: {
      en: "Metadata is published as a JWS JSON Serialization (General), signed by the federation (ES256 recommended) with alg, kid, iss, iat and exp; members verify it with the federation's keys (JWKS).",
      sv: 'Metadata publiceras som JWS JSON Serialization (General), signerad av federationen (ES256 rekommenderas) med alg, kid, iss, iat och exp; medlemmar verifierar den med federationens nycklar (JWKS).',
    },
    url: 'https://datatracker.ietf.org/doc/draft-halen-fed-tls-auth/',
  },
  'FEDTLS-MD-EXPIRY': {
    standard: 'RFC 9932 Mutually Authenticating TLS in the Context of Federations (MATF; draft-halen-fed-tls-auth)',
    section: 'Federation Metadata claims: exp, cache_ttl',
    text: {
      en: '"Once expired, metadata MUST no longer be trusted."',
      sv: '"Once expired, metadata MUST no longer be trusted." Utgången metadata får inte längre användas.',
    },
    url: 'https://datatracker.ietf.org/doc/draft-halen-fed-tls-auth/',
  },
  'FEDTLS-MD-SCHEMA': {
    standard: 'RFC 9932 Mutually Authenticating TLS in the Context of Federations (MATF; draft-halen-fed-tls-auth), Appendix A',
    section: 'Metadata schema (matf-metadata-schema.json)',
    text: {
      en: 'The metadata payload is valid against the federation metadata JSON Schema.',
      sv: 'Metadatans innehåll är giltigt enligt federationens JSON-schema för metadata.',
    },
    url: 'https://datatracker.ietf.org/doc/draft-halen-fed-tls-auth/',
  },
  'FEDTLS-MD-REPOSITORY': {
    standard: 'RFC 9932 Mutually Authenticating TLS in the Context of Federations (MATF; draft-halen-fed-tls-auth)',
    section: 'Metadata Repository',
    text: {
      en: 'Before publication the operator validates the metadata: unique entity_id values and unique pins.',
      sv: 'Före publicering validerar operatören metadatan: unika entity_id och unika pinnar.',
    },
    url: 'https://datatracker.ietf.org/doc/draft-halen-fed-tls-auth/',
  },
  // --- end auth: FedTLS/MATF metadata ---
  // --- api suite, every read operation (issue #4): expand, relationship and date filters, required parameters, references ---
  'SS12000-EXPAND': {
    standard: SS,
    section: 'query parameter expand ("Beskriver om expanderade data ska hämtas"); schemas *Expanded._embedded',
    text: {
      en: 'expand "states whether expanded data shall be fetched": _embedded carries the relations asked for, and only when asked for.',
      sv: 'expand "Beskriver om expanderade data ska hämtas": _embedded innehåller de efterfrågade relationerna, och bara när de efterfrågas.',
    },
  },
  'SS12000-FILTER-RELATION': {
    standard: SS,
    section: 'query parameters organisation, student, person, group, teacher, child, owner, placement, activity, calendarEvent, registeredBy, gradingTeacher',
    text: {
      en: '"Begränsa urvalet till …" (limit the selection to) the records related to the given id: the answer holds those records and no others.',
      sv: '"Begränsa urvalet till …" de poster som är kopplade till angivet id: svaret innehåller de posterna och inga andra.',
    },
  },
  // --- api2: filters that select through other records (issue #4) ---
  'SS12000-FILTER-INDIRECT': {
    standard: SS,
    section: 'query parameters member (activities), student/teacher (calendarEvents), relationship.* (persons)',
    text: {
      en: '"Begränsa urvalet till …" through related records: activities whose groups include the person, events whose activity (or its exceptions) names the student or teacher, persons with a relationship of the given type to the organisation.',
      sv: '"Begränsa urvalet till …" via relaterade poster: aktiviteter vars grupper inkluderar personen, kalenderhändelser vars aktivitet (eller undantag) pekar ut eleven eller läraren, personer med en relation av angiven typ till organisationen.',
    },
  },
  // --- end api2 ---
  'SS12000-FILTER-DATES': {
    standard: SS,
    section: 'query parameters startDate/endDate/startTime/endTime/registeredDate .onOrBefore/.onOrAfter',
    text: {
      en: 'Records whose date is "innan eller på" (on or before) / "på eller efter" (on or after) the given date, inclusive unless the parameter says "Exkluderande"; "Poster med ett endDate som ej är satt, tas alltid med" (records without endDate are always included).',
      sv: 'Poster vars datum är "innan eller på" / "på eller efter" angivet datum, inkluderande om inte parametern säger "Exkluderande"; "Poster med ett endDate som ej är satt, tas alltid med."',
    },
  },
  'SS12000-PARAM-REQUIRED': {
    standard: SS,
    section: 'GET /calendarEvents startTime.onOrAfter/onOrBefore, GET /aggregatedAttendance startDate/endDate: required: true',
    text: {
      en: 'These parameters are required; a request without them does not meet the request schema and is refused (400 with an Error body) rather than answered with an unbounded list.',
      sv: 'Parametrarna är obligatoriska; ett anrop utan dem uppfyller inte anropsschemat och nekas (400 med en Error-kropp) i stället för att besvaras med en obegränsad lista.',
    },
  },
  'SS12000-REFERENCES': {
    standard: SS,
    section: 'components.schemas.ObjectReference and the typed *Reference schemas (id: uuid)',
    text: {
      en: 'A reference names another record by its transfer id; that record can be fetched through its item endpoint GET /<entity>/{id} (referential integrity within the API).',
      sv: 'En referens pekar ut en annan post med dess överförings-ID; den posten kan hämtas via sin objektändpunkt GET /<entitet>/{id} (referensintegritet inom API:et).',
    },
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
  // --- auth: token endpoint and resource-server rules, second part (issue #6, wip-auth2) ---
  'RFC6750-5.3': {
    standard: RFC6750,
    section: '5.3 Summary of Recommendations: Don\'t pass bearer tokens in page URLs',
    text: {
      en: 'Bearer tokens SHOULD NOT be passed in page URLs (for example, as query string parameters); a resource server should not honour them there.',
      sv: 'Bearer-token bör inte skickas i URL:er (till exempel som frågeparametrar); en resursserver bör inte godta dem där.',
    },
    url: 'https://www.rfc-editor.org/rfc/rfc6750#section-5.3',
  },
  'RFC8414-3.3': {
    standard: 'RFC 8414 OAuth 2.0 Authorization Server Metadata',
    section: '3.3 Authorization Server Metadata Validation; 2 Authorization Server Metadata',
    text: {
      en: 'The issuer in the metadata MUST be identical to the issuer the well-known URL was built from; endpoints and jwks_uri use https.',
      sv: 'Utfärdaren (issuer) i metadata ska vara identisk med den utfärdare som well-known-URL:en byggdes av; ändpunkter och jwks_uri använder https.',
    },
    url: 'https://www.rfc-editor.org/rfc/rfc8414#section-3.3',
  },
  'RFC9068-2': {
    standard: 'RFC 9068 JSON Web Token (JWT) Profile for OAuth 2.0 Access Tokens',
    section: '2.1 Header (signed, never alg none; kid of a published key); 2.2 Data Structure (iss, exp, iat)',
    text: {
      en: 'A JWT access token MUST be signed (never "none"), name its key so it can be found in the issuer\'s JWKS, and carry iss, exp and iat.',
      sv: 'En JWT-åtkomsttoken ska vara signerad (aldrig "none"), ange sin nyckel så att den går att hitta i utfärdarens JWKS och innehålla iss, exp och iat.',
    },
    url: 'https://www.rfc-editor.org/rfc/rfc9068#section-2',
  },
  'MOA-TECHNICAL-PROFILE': {
    standard: 'Skolfederation Moa technical profiles (wiki.federationer.internetstiftelsen.se, "Moa technical profiles")',
    section: 'Entities (organization, organization_id); Strengthened Tags Profile (egilv1, bolv1, userlistv1, gnapv1)',
    text: {
      en: 'Every entity MUST have organization (legal name) and organization_id (country code + 10-digit number); every client one and every server at least one strengthened tag.',
      sv: 'Varje entitet ska ha organization (juridiskt namn) och organization_id (landskod + 10 siffror); varje klient en och varje server minst en förstärkt tagg.',
    },
  },
  // --- end auth: second part ---
  // --- export3: the rest of the export suite (issue #5) ---
  'EU-DA-25.2e': {
    standard: DATA_ACT,
    section: 'Art. 25(2)(e): exhaustive specification of the exportable data categories',
    text: {
      en: 'The contract specifies exhaustively all categories of data and digital assets that can be ported: what the export refers to must itself be exportable, and what is declared must be what the API returns.',
      sv: 'Avtalet anger uttömmande alla kategorier av data och digitala tillgångar som kan flyttas: det exporten refererar till ska självt kunna exporteras, och det som anges ska vara det API:t returnerar.',
    },
    url: DATA_ACT_URL,
  },
  'RFC8259-UTF8': {
    standard: 'RFC 8259 The JavaScript Object Notation (JSON) Data Interchange Format',
    section: '8.1 Character Encoding',
    text: {
      en: 'JSON text exchanged between systems that are not part of a closed ecosystem MUST be encoded using UTF-8: text such as å, ä and ö arrives as written.',
      sv: 'JSON-text som utbyts mellan system som inte ingår i ett slutet ekosystem ska kodas i UTF-8: text som å, ä och ö kommer fram som den skrevs.',
    },
    url: 'https://www.rfc-editor.org/rfc/rfc8259#section-8.1',
  },
  // --- end export3 ---
  // --- auth: RFC 8705 certificate-bound tokens, another huvudman's token (issue #6, wip-auth3) ---
  'RFC8705-2.1': {
    standard: 'RFC 8705 OAuth 2.0 Mutual-TLS Client Authentication and Certificate-Bound Access Tokens',
    section: '2 Mutual TLS for OAuth Client Authentication (2.1 PKI, 2.2 self-signed)',
    text: {
      en: 'A token endpoint that authenticates a client by mutual TLS MUST refuse a client that does not present the certificate registered for it (TLS refusal, or invalid_client).',
      sv: 'En tokenändpunkt som autentiserar en klient med ömsesidig TLS ska neka en klient som inte visar det certifikat som är registrerat för den (nekad TLS-handskakning eller invalid_client).',
    },
    url: 'https://www.rfc-editor.org/rfc/rfc8705#section-2',
  },
  'RFC8705-3.1': {
    standard: 'RFC 8705 OAuth 2.0 Mutual-TLS Client Authentication and Certificate-Bound Access Tokens',
    section: '3.1 JWT Certificate Thumbprint Confirmation Method',
    text: {
      en: 'A certificate-bound JWT access token carries cnf with x5t#S256: the base64url-encoded SHA-256 hash of the DER encoding of the client certificate.',
      sv: 'En certifikatbunden JWT-åtkomsttoken har cnf med x5t#S256: base64url-kodad SHA-256 av klientcertifikatets DER-kodning.',
    },
    url: 'https://www.rfc-editor.org/rfc/rfc8705#section-3.1',
  },
  'RFC8705-3': {
    standard: 'RFC 8705 OAuth 2.0 Mutual-TLS Client Authentication and Certificate-Bound Access Tokens',
    section: '3 Mutual-TLS Client Certificate-Bound Access Tokens',
    text: {
      en: 'The resource server MUST verify that the certificate of the TLS connection matches the one the token is bound to; if not, it MUST refuse with HTTP 401 and invalid_token.',
      sv: 'Resursservern ska kontrollera att TLS-anslutningens certifikat är det som token är bunden till; annars ska den neka med HTTP 401 och invalid_token.',
    },
    url: 'https://www.rfc-editor.org/rfc/rfc8705#section-3',
  },
  'RFC6750-3.1-SCOPE': {
    standard: RFC6750,
    section: '3.1 Error Codes (insufficient_scope); SS 12000 403 "Åtkomst nekad"',
    text: {
      en: 'A valid token that does not grant access to the resource is answered with 403 (insufficient_scope), the "Åtkomst nekad" SS 12000 declares.',
      sv: 'En giltig token som inte ger åtkomst till resursen besvaras med 403 (insufficient_scope), det "Åtkomst nekad" som SS 12000 anger.',
    },
    url: 'https://www.rfc-editor.org/rfc/rfc6750#section-3.1',
  },
  // --- end auth: RFC 8705 (wip-auth3) ---
  // --- fedtls: issuer certificates, cache TTL, pins, the server side (issue #6, wip-fedtls) ---
  'FEDTLS-MD-ISSUERS': {
    standard: 'RFC 9932 Mutually Authenticating TLS in the Context of Federations (MATF; draft-halen-fed-tls-auth)',
    section: 'Metadata Repository (issuer certificate validation); Moa technical profile (unique issuer subjects)',
    text: {
      en: 'Before publication the operator validates issuer certificates: they parse, are valid, use strong keys (RSA >= 2048, EC >= 256 bits) and no MD5/SHA-1 signature; a new issuer has a unique subject.',
      sv: 'Före publicering validerar operatören utfärdarcertifikaten: de går att läsa, är giltiga, har starka nycklar (RSA >= 2048, EC >= 256 bitar) och ingen MD5/SHA-1-signatur; en ny utfärdare har ett unikt subject.',
    },
    url: 'https://datatracker.ietf.org/doc/draft-halen-fed-tls-auth/',
  },
  'FEDTLS-MD-CACHE': {
    standard: 'RFC 9932 Mutually Authenticating TLS in the Context of Federations (MATF; draft-halen-fed-tls-auth)',
    section: 'Federation Metadata claims: cache_ttl ("Effective maximum TTL is the minimum of HTTP Expire and TTL"), exp; Moa lessons',
    text: {
      en: 'Members cache metadata for the minimum of the HTTP expiry and cache_ttl and may rely on it during an outage until exp: the document should outlive its cache_ttl, and a lifetime under 24 hours leaves no room for contingency publishing.',
      sv: 'Medlemmar cachar metadata i det minsta av HTTP-utgångstiden och cache_ttl och får lita på den vid avbrott till exp: dokumentet bör leva längre än sin cache_ttl, och en livslängd under 24 timmar lämnar inget utrymme för reservpublicering.',
    },
    url: 'https://datatracker.ietf.org/doc/draft-halen-fed-tls-auth/',
  },
  'FEDTLS-PINS': {
    standard: 'RFC 9932 Mutually Authenticating TLS in the Context of Federations (MATF; draft-halen-fed-tls-auth)',
    section: 'Authentication; RFC 7469 pin directives (SPKI SHA-256)',
    text: {
      en: 'Pins are RFC 7469 SPKI fingerprints {alg: sha256, digest} of the end-entity key; each side validates the peer certificate against the pins published for its entity, and a certificate whose pin is not published is refused even from a listed issuer.',
      sv: 'Pinnar är RFC 7469 SPKI-fingeravtryck {alg: sha256, digest} av slutentitetens nyckel; varje sida validerar motpartens certifikat mot de pinnar som publicerats för dess entitet, och ett certifikat vars pinne inte publicerats nekas även från en listad utfärdare.',
    },
    url: 'https://datatracker.ietf.org/doc/draft-halen-fed-tls-auth/',
  },
  'FEDTLS-IDENTITY': {
    standard: 'RFC 9932 Mutually Authenticating TLS in the Context of Federations (MATF; draft-halen-fed-tls-auth); bowness (reference FedTLS proxy)',
    section: 'Authentication ("the entity_id is the identity"); reverse proxies forward the verified identity and strip it from client input',
    text: {
      en: "A client's federation identity comes only from its verified certificate; an identity claimed in a request header (X-FedTLSAuth-Entity-ID) never authenticates it.",
      sv: 'En klients federationsidentitet kommer enbart från dess verifierade certifikat; en identitet som anges i ett anropshuvud (X-FedTLSAuth-Entity-ID) autentiserar den aldrig.',
    },
    url: 'https://datatracker.ietf.org/doc/draft-halen-fed-tls-auth/',
  },
  // --- end fedtls ---
  // --- api3: remaining api rules (issue #4) ---
  'SS12000-FILTER-RELATIONSHIP-TYPE': {
    standard: SS,
    section: 'GET /persons, query parameters relationship.entity.type and relationship.organisation',
    text: {
      en: 'relationship.entity.type "styr vilket entitetstyp som övriga relationship-parametrar filterar på": enrolment, duty, placement.child, placement.owner, responsibleFor.enrolment, responsibleFor.placement or groupMembership, each through the fields the parameter descriptions name.',
      sv: 'relationship.entity.type "styr vilket entitetstyp som övriga relationship-parametrar filterar på": enrolment, duty, placement.child, placement.owner, responsibleFor.enrolment, responsibleFor.placement eller groupMembership, var och en via de fält som parameterbeskrivningarna anger.',
    },
  },
  'SS12000-FILTER-ATTRIBUTE': {
    standard: SS,
    section: 'query parameters parent, type, schoolTypes, schoolUnitCode, organisationCode, municipalityCode (organisations); civicNo, eduPersonPrincipalName, identifier.value (persons); dutyRole (duties); groupType, schoolTypes (groups); schoolType, code, parentProgramme (programmes); type (absences)',
    text: {
      en: '"Begränsa urvalet till de … som har den angivna …" (limit the selection to those that have the given value): the answer holds those records and no others.',
      sv: '"Begränsa urvalet till de … som har den angivna …": svaret innehåller de posterna och inga andra.',
    },
  },
  'SS12000-ORG-PARENT': {
    standard: SS,
    section: 'components/schemas/Organisation, property parentOrganisation',
    text: {
      en: 'parentOrganisation identifies an overlying organisation; it "Kan ej peka på organisationer av typen Skolenhet" (cannot point at a school unit).',
      sv: 'parentOrganisation identifierar en eventuellt överliggande organisation; den "Kan ej peka på organisationer av typen Skolenhet".',
    },
  },
  'SS12000-EPPN-FORMAT': {
    standard: SS,
    section: 'components/schemas/Person, property eduPersonPrincipalNames',
    text: {
      en: 'Each identifier "ska bestå av en lokalt unik användaridentifierare, ett \'@\' och en domän" (a locally unique user id, an @ and a domain); the list has unique items.',
      sv: 'Varje identifierare "ska bestå av en lokalt unik användaridentifierare, ett \'@\' och en domän"; listan har unika element.',
    },
  },
  'SS12000-META-MODIFIED': {
    standard: SS,
    section: 'components/schemas/Meta, property modified',
    text: {
      en: 'Attributes fetched with expand or expandReferenceNames are not attributes of the entity and "ska således inte påverka detta värde" (shall not change meta.modified).',
      sv: 'Attribut som tas fram med expand eller expandReferenceNames räknas inte som attribut till entiteten och "ska således inte påverka detta värde".',
    },
  },
  // --- end api3 ---
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
