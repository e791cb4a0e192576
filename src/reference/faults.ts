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
  // --- write mode: subscriptions, notices, log/statistics, attendance-type writes (writes.ts) ---
  'write.subscription-without-expires': {
    en: 'POST /subscriptions answers 201 without the required expires.',
    sv: 'POST /subscriptions svarar 201 utan det obligatoriska expires.',
  },
  'write.subscription-not-listed': {
    en: 'GET /subscriptions leaves out the subscriptions that exist.',
    sv: 'GET /subscriptions utelämnar de prenumerationer som finns.',
  },
  'write.renew-keeps-expires': {
    en: 'PATCH /subscriptions/{id} answers 200 but does not extend expires.',
    sv: 'PATCH /subscriptions/{id} svarar 200 men förlänger inte expires.',
  },
  'write.delete-answers-200': {
    en: 'DELETE /subscriptions/{id} deletes but answers 200 with a body instead of 204.',
    sv: 'DELETE /subscriptions/{id} tar bort men svarar 200 med en kropp i stället för 204.',
  },
  'write.deleted-still-served': {
    en: 'DELETE /subscriptions/{id} answers 204 but the subscription is still served (and notified).',
    sv: 'DELETE /subscriptions/{id} svarar 204 men prenumerationen finns kvar (och notifieras).',
  },
  'write.webhook-never-sent': {
    en: 'No notice is ever POSTed to a subscription target when data changes.',
    sv: 'Ingen notis skickas någonsin till en prenumerations target när data ändras.',
  },
  'write.log-accepts-invalid': {
    en: 'POST /log/ answers 201 to a body that is not a valid LogEntry instead of 400.',
    sv: 'POST /log/ svarar 201 på en kropp som inte är en giltig LogEntry i stället för 400.',
  },
  'write.statistics-accepts-invalid': {
    en: 'POST /statistics/ answers 201 to a body that is not a valid StatisticsEntry instead of 400.',
    sv: 'POST /statistics/ svarar 201 på en kropp som inte är en giltig StatisticsEntry i stället för 400.',
  },
  'write.create-accepts-invalid': {
    en: 'POST of attendances, attendance events, attendance schedules and absences stores a body that fails its schema instead of answering 400.',
    sv: 'POST av närvaro, närvarohändelser, vistelsescheman och frånvaro sparar en kropp som inte följer schemat i stället för att svara 400.',
  },
  'write.deletion-not-recorded': {
    en: 'DELETE and deletions made while running are not recorded in deletedEntities.',
    sv: 'DELETE och borttag under körning registreras inte i deletedEntities.',
  },
  // --- end write mode ---
  // --- auth: JWT rules at the resource server (issue #6) ---
  'auth.rs-accepts-expired-token': {
    en: 'Accepts a bearer JWT whose exp has passed.',
    sv: 'Godtar en bearer-JWT vars exp har passerat.',
  },
  'auth.rs-accepts-future-nbf': {
    en: 'Accepts a bearer JWT whose nbf lies in the future.',
    sv: 'Godtar en bearer-JWT vars nbf ligger i framtiden.',
  },
  'auth.rs-accepts-wrong-issuer': {
    en: 'Accepts a correctly signed bearer JWT whose iss is not the trusted issuer.',
    sv: 'Godtar en korrekt signerad bearer-JWT vars iss inte är den betrodda utfärdaren.',
  },
  'auth.rs-accepts-wrong-audience': {
    en: 'Accepts a correctly signed bearer JWT whose aud does not name this API.',
    sv: 'Godtar en korrekt signerad bearer-JWT vars aud inte anger detta API.',
  },
  'auth.rs-accepts-unknown-key': {
    en: 'Accepts a bearer JWT whose kid names no trusted key, without checking its signature.',
    sv: 'Godtar en bearer-JWT vars kid inte anger någon betrodd nyckel, utan att kontrollera signaturen.',
  },
  'auth.rs-accepts-alg-none': {
    en: 'Accepts an unsigned bearer JWT (alg "none").',
    sv: 'Godtar en osignerad bearer-JWT (alg "none").',
  },
  'auth.rs-accepts-hs256-public-key': {
    en: 'Accepts a bearer JWT signed HS256 with the trusted public key as HMAC secret (algorithm confusion).',
    sv: 'Godtar en bearer-JWT signerad med HS256 och den betrodda publika nyckeln som HMAC-hemlighet (algoritmförväxling).',
  },
  'auth.rs-ignores-dnp-organization': {
    en: 'Accepts a DNP token whose organization_id is not Skolverket\'s (SE2021004185).',
    sv: 'Godtar en DNP-token vars organization_id inte är Skolverkets (SE2021004185).',
  },
  'auth.rs-ignores-dnp-requested-access': {
    en: 'Accepts a DNP token whose requested_access is not type ss12000-api for this API\'s location.',
    sv: 'Godtar en DNP-token vars requested_access inte är typen ss12000-api för detta API:s adress.',
  },
  'auth.rs-ignores-trusted-issuers': {
    en: 'Trusts only its own signing key: tokens of a configured trusted issuer are refused.',
    sv: 'Litar bara på sin egen signeringsnyckel: token från en konfigurerad betrodd utfärdare nekas.',
  },
  // --- end auth: JWT rules ---
  // --- auth: mutual TLS (issue #6) ---
  'tls.accepts-no-client-cert': {
    en: 'The HTTPS listener serves a client that presents no certificate.',
    sv: 'HTTPS-lyssnaren betjänar en klient som inte visar något certifikat.',
  },
  'tls.accepts-unknown-issuer': {
    en: 'The HTTPS listener serves a client whose certificate comes from an issuer it does not trust.',
    sv: 'HTTPS-lyssnaren betjänar en klient vars certifikat kommer från en utfärdare den inte litar på.',
  },
  'tls.accepts-tls-1.1': {
    en: 'The HTTPS listener accepts TLS 1.0 and 1.1 connections.',
    sv: 'HTTPS-lyssnaren godtar anslutningar med TLS 1.0 och 1.1.',
  },
  // --- end auth: mutual TLS ---
  // --- auth: FedTLS/MATF metadata (issue #6) ---
  'fedtls.md-compact-jws': {
    en: 'Publishes the federation metadata as a compact JWS instead of the General JWS JSON Serialization.',
    sv: 'Publicerar federationens metadata som kompakt JWS i stället för General JWS JSON Serialization.',
  },
  'fedtls.md-no-kid': {
    en: "The metadata's protected header names no kid.",
    sv: 'Metadatans skyddade huvud anger inget kid.',
  },
  'fedtls.md-tampered-payload': {
    en: 'The metadata payload was changed after signing (the signature does not verify).',
    sv: 'Metadatans innehåll ändrades efter signeringen (signaturen verifieras inte).',
  },
  'fedtls.md-expired': {
    en: 'Publishes metadata whose exp has passed.',
    sv: 'Publicerar metadata vars exp har passerat.',
  },
  'fedtls.md-schema-invalid': {
    en: 'The metadata does not follow the MATF schema (cache_ttl is a string).',
    sv: 'Metadatan följer inte MATF-schemat (cache_ttl är en sträng).',
  },
  'fedtls.md-duplicate-entity': {
    en: 'Two entities in the metadata share one entity_id.',
    sv: 'Två entiteter i metadatan har samma entity_id.',
  },
  // --- end auth: FedTLS/MATF metadata ---
  // --- reference server: every read operation (issue #3) ---
  'filter.open-ended-dropped': {
    en: 'Date and time windows (startDate/endDate.onOrBefore/onOrAfter …) drop records without the date instead of always including them.',
    sv: 'Datum- och tidsfönster (startDate/endDate.onOrBefore/onOrAfter …) tappar poster som saknar datumet i stället för att alltid ta med dem.',
  },
  'schema.grade-bad-semester': {
    en: 'Serves Grade.semester values outside the spec enumeration (HT, VT).',
    sv: 'Levererar värden på Grade.semester utanför specifikationens uppräkning (HT, VT).',
  },
  'expand.ignored': {
    en: 'expand is accepted but ignored: no record carries _embedded.',
    sv: 'expand godtas men ignoreras: ingen post har _embedded.',
  },
  'filter.required-window-optional': {
    en: 'GET /calendarEvents and /aggregatedAttendance answer 200 without their required window parameters instead of 400.',
    sv: 'GET /calendarEvents och /aggregatedAttendance svarar 200 utan sina obligatoriska fönsterparametrar i stället för 400.',
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
    en: 'GET /duties?limit=1 is answered 429 Too Many Requests without a Retry-After header.',
    sv: 'GET /duties?limit=1 besvaras med 429 Too Many Requests utan Retry-After-huvud.',
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
  // --- api2: relationship filters (issue #4), implemented in filter-faults.ts ---
  'filter.relation-ignored': {
    en: 'Relationship filters naming a referenced record (organisation, student, group, teacher …) are accepted but not applied.',
    sv: 'Relationsfilter som pekar ut en refererad post (organisation, student, group, teacher …) godtas men tillämpas inte.',
  },
  'filter.person-relationship-ignored': {
    en: 'The relationship.* filters of GET /persons are accepted but not applied.',
    sv: 'Filtren relationship.* för GET /persons godtas men tillämpas inte.',
  },
  'filter.member-ignored': {
    en: 'The member filter of GET /activities is accepted but not applied.',
    sv: 'Filtret member för GET /activities godtas men tillämpas inte.',
  },
  'filter.event-person-ignored': {
    en: 'The student and teacher filters of GET /calendarEvents are accepted but not applied.',
    sv: 'Filtren student och teacher för GET /calendarEvents godtas men tillämpas inte.',
  },
  // --- end api2 ---
  // --- auth: token endpoint and resource-server rules, second part (issue #6, wip-auth2) ---
  'auth.rs-accepts-query-token': {
    en: 'Serves API requests whose only credential is an access token in the URL query (?access_token=).',
    sv: 'Besvarar API-anrop vars enda autentisering är en åtkomsttoken i URL:ens frågedel (?access_token=).',
  },
  'auth.as-metadata-wrong-issuer': {
    en: 'The authorization server metadata (RFC 8414) names an issuer with a trailing slash, not the one its URL was built from.',
    sv: 'Auktoriseringsserverns metadata (RFC 8414) anger en utfärdare med avslutande snedstreck, inte den som dess URL byggdes av.',
  },
  'auth.jwks-missing-token-kid': {
    en: 'The JWKS publishes the token signing key under another kid than the one access tokens name.',
    sv: 'JWKS:en publicerar tokenens signeringsnyckel under ett annat kid än det som åtkomsttokenen anger.',
  },
  'fedtls.md-moa-no-organization-id': {
    en: 'The test federation\'s metadata leaves organization_id out of the client entity (Moa requires it on every entity).',
    sv: 'Testfederationens metadata utelämnar organization_id för kliententiteten (Moa kräver det för varje entitet).',
  },
  // --- end auth: second part ---
  // --- export3: the rest of the export suite (issue #5), implemented in export-faults.ts and keyset.ts ---
  'export.offset-paging': {
    en: 'A pageToken resumes at an offset, not after the last record served: a record removed or added before it while a walk runs shifts the pages, so the walk skips or repeats records.',
    sv: 'En pageToken fortsätter vid en position i listan, inte efter senast levererade post: en post som tas bort eller läggs till före den under en hämtning förskjuter sidorna, så att poster hoppas över eller upprepas.',
  },
  'export.syllabuses-withheld': {
    en: 'Activities refer to syllabuses, but /syllabuses and /syllabuses/{id} are not offered (404): referenced data that cannot be exported.',
    sv: 'Aktiviteter refererar till kursplaner, men /syllabuses och /syllabuses/{id} erbjuds inte (404): refererad data som inte kan exporteras.',
  },
  'export.text-mojibake': {
    en: "Persons' names are served as their UTF-8 bytes read as Latin-1 (Låtsasson -> LÃ¥tsasson), alike in list, item and lookup: non-ASCII text is not preserved.",
    sv: 'Personers namn levereras som sina UTF-8-byte lästa som Latin-1 (Låtsasson -> LÃ¥tsasson), lika i lista, post och uppslag: text utanför ASCII bevaras inte.',
  },
  'export.old-after-empty': {
    en: '/deletedEntities answers an after bound older than its middle deletion with no deletions at all (200, silently), while a later bound still lists some: tombstones not retained as declared.',
    sv: '/deletedEntities besvarar en after-gräns äldre än dess mittersta borttag med inga borttag alls (200, tyst), medan en senare gräns ändå listar några: borttagsposter sparas inte som utlovat.',
  },
  'export.two-record-pages': {
    en: 'A list page holds at most 2 records whatever limit asks (allowed, as limit is a maximum, but a full export then needs a request per two records).',
    sv: 'En listsida innehåller högst 2 poster oavsett limit (tillåtet, eftersom limit är ett maximum, men en hel export kräver då ett anrop per två poster).',
  },
  'export.org-filter-drops-one': {
    en: 'GET /groups filtered by organisation never serves one group (the one with the lowest id), which the unfiltered list does serve: per-organisation harvests miss it.',
    sv: 'GET /groups filtrerat på organisation levererar aldrig en grupp (den med lägst id), som den ofiltrerade listan levererar: hämtningar per organisation missar den.',
  },
  'export.token-on-last-full-page': {
    en: 'A list page that is full and ends the list still carries a pageToken; it leads to an empty last page (the has-more signal says more where there is none).',
    sv: 'En listsida som är full och avslutar listan har ändå en pageToken; den leder till en tom sista sida (signalen om mer säger mer där inget finns).',
  },
  // --- end export3 ---
  // --- auth: RFC 8705 mutual-TLS client authentication, certificate-bound tokens, tenants (issue #6, wip-auth3) ---
  'auth.token-mtls-accepts-no-cert': {
    en: 'The token endpoint lets clients without a valid certificate connect and issues a token for tls_client_auth on the client_id alone.',
    sv: 'Tokenändpunkten släpper in klienter utan giltigt certifikat och utfärdar en token för tls_client_auth enbart på client_id.',
  },
  'auth.token-cnf-spki-thumbprint': {
    en: 'Certificate-bound tokens carry in cnf x5t#S256 the SHA-256 of the public key (SPKI), not of the whole certificate.',
    sv: 'Certifikatbundna token har i cnf x5t#S256 SHA-256 av den publika nyckeln (SPKI), inte av hela certifikatet.',
  },
  'auth.rs-ignores-certificate-binding': {
    en: 'The API serves a certificate-bound token on a connection with another client certificate.',
    sv: 'API:et godtar en certifikatbunden token på en anslutning med ett annat klientcertifikat.',
  },
  'auth.rs-other-huvudman-401': {
    en: "A valid DNP token for another huvudman of the same system is refused with 401, not 403 (Åtkomst nekad).",
    sv: 'En giltig DNP-token för en annan huvudman i samma system nekas med 401, inte 403 (Åtkomst nekad).',
  },
  // --- end auth: RFC 8705 (wip-auth3) ---
  // --- fedtls: FedTLS/MATF issuer certificates, cache TTL, legacy pins, metadata consumption (issue #6, wip-fedtls) ---
  'fedtls.md-weak-issuer': {
    en: "The test federation's metadata lists an issuer certificate with an RSA key of 1024 bits for the client entity.",
    sv: 'Testfederationens metadata anger ett utfärdarcertifikat med en RSA-nyckel på 1024 bitar för kliententiteten.',
  },
  'fedtls.md-ttl-beyond-expiry': {
    en: "The test federation's metadata asks to be cached for 30 days (cache_ttl) although it expires after 7.",
    sv: 'Testfederationens metadata ber om att cachas i 30 dagar (cache_ttl) fast den går ut efter 7.',
  },
  'fedtls.md-legacy-pins': {
    en: "The test federation's metadata writes the client's pins in the legacy {name, value} form instead of {alg, digest}.",
    sv: 'Testfederationens metadata skriver klientens pinnar i den äldre formen {name, value} i stället för {alg, digest}.',
  },
  'fedtls.server-cert-unpinned': {
    en: 'With consumed federation metadata, the HTTPS listener presents a certificate of the same CA whose SPKI pin the metadata does not publish for its server.',
    sv: 'Med konsumerad federationsmetadata visar HTTPS-lyssnaren ett certifikat från samma CA vars SPKI-pinne metadatan inte publicerar för servern.',
  },
  'fedtls.accepts-unpinned-client': {
    en: 'With consumed federation metadata, serves a client whose certificate is from a listed issuer although its pin is published for no client entity.',
    sv: 'Med konsumerad federationsmetadata betjänas en klient vars certifikat kommer från en listad utfärdare fast dess pinne inte publicerats för någon kliententitet.',
  },
  'fedtls.trusts-entity-header': {
    en: 'With consumed federation metadata, takes a client entity named in the X-FedTLSAuth-Entity-ID request header as authenticated, whatever the certificate.',
    sv: 'Med konsumerad federationsmetadata godtas en kliententitet som anges i anropshuvudet X-FedTLSAuth-Entity-ID som autentiserad, oavsett certifikat.',
  },
  'fedtls.keeps-removed-pin': {
    en: 'With consumed federation metadata, a newer document adds client pins but never takes one away: a removed pin keeps being served.',
    sv: 'Med konsumerad federationsmetadata lägger ett nyare dokument till klientpinnar men tar aldrig bort någon: en borttagen pinne betjänas fortfarande.',
  },
  'fedtls.takes-unverified-metadata': {
    en: 'With consumed federation metadata, a newer document is taken without checking its signature.',
    sv: 'Med konsumerad federationsmetadata tas ett nyare dokument i bruk utan att dess signatur kontrolleras.',
  },
  'fedtls.trusts-expired-metadata': {
    en: 'With consumed federation metadata, the loaded document is still trusted after its exp.',
    sv: 'Med konsumerad federationsmetadata litar servern fortfarande på det inlästa dokumentet efter dess exp.',
  },
  // --- end fedtls ---
  // --- api3: remaining api rules (issue #4), implemented in query-faults.ts, data-faults.ts and server.ts (ops.*, paging.limit-lenient) ---
  'filter.relationship-type-ignored': {
    en: 'GET /persons ignores relationship.entity.type when relationship.organisation is given: any relation to the organisation counts.',
    sv: 'GET /persons struntar i relationship.entity.type när relationship.organisation anges: varje relation till organisationen räknas.',
  },
  'filter.relationship-guardians-dropped': {
    en: 'GET /persons relationship.entity.type responsibleFor.enrolment and responsibleFor.placement select no one (guardians are left out).',
    sv: 'GET /persons relationship.entity.type responsibleFor.enrolment och responsibleFor.placement väljer ingen (vårdnadshavare utelämnas).',
  },
  'filter.attribute-ignored': {
    en: 'Filters on a value of the record (organisations type, schoolTypes, codes; persons civicNo, eduPersonPrincipalName, identifier; dutyRole; groupType; programme filters; absences type) are accepted but not applied.',
    sv: 'Filter på ett värde i posten (organisationers type, schoolTypes, koder; personers civicNo, eduPersonPrincipalName, identifier; dutyRole; groupType; programfilter; frånvarons type) godtas men tillämpas inte.',
  },
  'filter.parent-ignored': {
    en: 'The organisation hierarchy filter parent of GET /organisations is accepted but not applied.',
    sv: 'Hierarkifiltret parent för GET /organisations godtas men tillämpas inte.',
  },
  'ops.attendance-schedule-writes-missing': {
    en: 'Offers no attendance-schedule writes: POST /attendanceSchedule and DELETE /attendanceSchedule/{id} are answered 404, as if the routes did not exist.',
    sv: 'Erbjuder inga skrivningar av vistelsescheman: POST /attendanceSchedule och DELETE /attendanceSchedule/{id} besvaras med 404, som om vägarna inte fanns.',
  },
  'data.parent-is-schoolunit': {
    en: 'One school unit (Skolenhet) has another school unit as its parentOrganisation.',
    sv: 'En skolenhet har en annan skolenhet som parentOrganisation.',
  },
  'data.eppn-without-domain': {
    en: "eduPersonPrincipalNames are served without their '@' and domain (a bare user name).",
    sv: "eduPersonPrincipalNames levereras utan '@' och domän (ett naket användarnamn).",
  },
  'expand.bumps-modified': {
    en: 'A record asked for with expand is served with a later meta.modified than without.',
    sv: 'En post som hämtas med expand levereras med ett senare meta.modified än utan.',
  },
  'paging.limit-lenient': {
    en: 'A limit that is not an integer is read leniently instead of refused (2.5 as 2, abc as no limit).',
    sv: 'Ett limit som inte är ett heltal tolkas välvilligt i stället för att nekas (2.5 som 2, abc som inget limit).',
  },
  'filter.date-lenient': {
    en: 'A meta date-time filter without a time zone is read as UTC instead of refused.',
    sv: 'Ett meta-datumfilter utan tidszon tolkas som UTC i stället för att nekas.',
  },
  // --- end api3 ---
  // --- fedcli: the reference FedTLS client (profile fedtls-client; issue #6, wip-fedcli) ---
  'fedtls-client.presents-unpinned-cert': {
    en: 'The reference FedTLS client presents a certificate of the federation CA whose pin is not the one registered for it.',
    sv: 'Referensklienten för FedTLS visar ett certifikat från federationens CA vars pinne inte är den som registrerats för den.',
  },
  'fedtls-client.ignores-server-pin': {
    en: "The reference FedTLS client does not compare the server certificate's SPKI pin with the published pins: it sends its request to any server.",
    sv: 'Referensklienten för FedTLS jämför inte serverns certifikats SPKI-pinne med de publicerade pinnarna: den skickar sitt anrop till vilken server som helst.',
  },
  'fedtls-client.skips-metadata-signature': {
    en: "The reference FedTLS client takes new federation metadata without checking its signature.",
    sv: 'Referensklienten för FedTLS tar ny federationsmetadata i bruk utan att kontrollera dess signatur.',
  },
  'fedtls-client.trusts-expired-metadata': {
    en: 'The reference FedTLS client takes and trusts federation metadata after its exp.',
    sv: 'Referensklienten för FedTLS tar i bruk och litar på federationsmetadata efter dess exp.',
  },
  // --- end fedcli ---
} as const satisfies Record<string, Bilingual>

export type FaultId = keyof typeof FAULTS

export const FAULT_IDS = Object.keys(FAULTS) as FaultId[]

export function isFaultId(s: string): s is FaultId {
  return Object.hasOwn(FAULTS, s)
}
