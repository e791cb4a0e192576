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
import type { ClientAuthMethod } from '../src/http/client-auth.js'

export interface Profile {
  title: Bilingual
  description: Bilingual
  operations: readonly string[]
  /** The target requires client certificates: the built-in server listens with mutual TLS (a test PKI made by openssl). */
  transport?: 'mtls' | 'fedtls' | 'fedtls-client'
  /** The run checks a federation's metadata document (the built-in server publishes a test federation's). */
  metadata?: true
  /** How konform authenticates at the token endpoint unless --client-auth says otherwise. */
  clientAuth?: ClientAuthMethod
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
  // --- write mode (subscriptions, log, statistics, attendance-type writes); full-2.1 holds them too ---
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
  // --- auth: mutual TLS (issue #6) ---
  mtls: {
    title: { en: 'Mutual TLS: client certificates required', sv: 'Ömsesidig TLS: klientcertifikat krävs' },
    description: {
      en: 'An API that authenticates clients by certificate (RFC 8705, Moa/FedTLS, SITHS/EFOS function certificates): no certificate, one from an unknown issuer and TLS below 1.2 are refused. Give --client-cert, --client-key and --ca against a --target.',
      sv: 'Ett API som autentiserar klienter med certifikat (RFC 8705, Moa/FedTLS, SITHS/EFOS-funktionscertifikat): inget certifikat, ett från okänd utfärdare och TLS under 1.2 nekas. Ange --client-cert, --client-key och --ca mot ett --target.',
    },
    operations: ['GET /organisations', 'GET /organisations/{id}', 'GET /persons', 'GET /persons/{id}'],
    transport: 'mtls',
  },
  // --- end auth: mutual TLS ---
  // --- auth: FedTLS/MATF metadata (issue #6) ---
  'fedtls-metadata': {
    title: { en: 'FedTLS/MATF federation metadata', sv: 'FedTLS/MATF-federationsmetadata' },
    description: {
      en: "A federation's signed metadata document (Moa/Skolfederation, RFC 9932): JWS form, header, signature against the federation's JWKS, expiry, schema and unique entities. konform auth verify-metadata runs it on a real federation's document.",
      sv: 'En federations signerade metadatadokument (Moa/Skolfederation, RFC 9932): JWS-form, huvud, signatur mot federationens JWKS, giltighetstid, schema och unika entiteter. konform auth verify-metadata kör den mot en riktig federations dokument.',
    },
    operations: [],
    metadata: true,
  },
  // --- end auth: FedTLS/MATF metadata ---
  // --- auth: RFC 8705 mutual-TLS client authentication and certificate-bound tokens (issue #6, wip-auth3) ---
  'mtls-token': {
    title: { en: 'Mutual TLS at the token endpoint: certificate-bound tokens (RFC 8705)', sv: 'Ömsesidig TLS vid tokenändpunkten: certifikatbundna token (RFC 8705)' },
    description: {
      en: 'A token endpoint that authenticates clients by their TLS certificate (tls_client_auth or self_signed_tls_client_auth) and binds the access tokens to it (cnf x5t#S256), and an API that honours the binding. Give --token-url, --client-id, --client-cert, --client-key (and --ca) against a --target; --other-client-cert/--other-client-key for the binding check.',
      sv: 'En tokenändpunkt som autentiserar klienter med deras TLS-certifikat (tls_client_auth eller self_signed_tls_client_auth) och binder åtkomsttoken till det (cnf x5t#S256), och ett API som respekterar bindningen. Ange --token-url, --client-id, --client-cert, --client-key (och --ca) mot ett --target; --other-client-cert/--other-client-key för bindningskontrollen.',
    },
    operations: ['GET /organisations', 'GET /persons'],
    transport: 'mtls',
    clientAuth: 'tls_client_auth',
  },
  // --- end auth: RFC 8705 ---
  // --- fedtls: the server side of a FedTLS/MATF federation (issue #6, wip-fedtls) ---
  fedtls: {
    title: { en: 'FedTLS/MATF server: client certificates checked against federation metadata', sv: 'FedTLS/MATF-server: klientcertifikat kontrolleras mot federationsmetadata' },
    description: {
      en: "A server in a FedTLS/MATF federation (Moa, RFC 9932): its certificate's SPKI pin is the one the metadata publishes for it; a client with no certificate, one from an unknown issuer, one from a listed issuer that is not pinned, or one that names an entity in an X-FedTLSAuth-Entity-ID header is refused; TLS below 1.2 is refused. The built-in server consumes a test federation konform publishes. Against a --target: --fedtls-metadata and --fedtls-jwks (the federation the server consumes), --client-cert/--client-key (pinned there), --ca, and --unpinned-cert/--unpinned-key.",
      sv: 'En server i en FedTLS/MATF-federation (Moa, RFC 9932): dess certifikats SPKI-pinne är den som metadatan publicerar för den; en klient utan certifikat, med ett från okänd utfärdare, med ett från en listad utfärdare som inte är pinnat eller som anger en entitet i huvudet X-FedTLSAuth-Entity-ID nekas; TLS under 1.2 nekas. Den inbyggda servern konsumerar en testfederation som konform publicerar. Mot ett --target: --fedtls-metadata och --fedtls-jwks (federationen servern konsumerar), --client-cert/--client-key (pinnade där), --ca samt --unpinned-cert/--unpinned-key.',
    },
    operations: ['GET /organisations', 'GET /organisations/{id}', 'GET /persons', 'GET /persons/{id}'],
    transport: 'fedtls',
  },
  // --- end fedtls ---
  // --- fedcli: the client side of a FedTLS/MATF federation (issue #6, wip-fedcli) ---
  'fedtls-client': {
    title: { en: 'FedTLS/MATF client: certificate, server pins and metadata checked by the client', sv: 'FedTLS/MATF-klient: certifikat, serverpinnar och metadata kontrolleras av klienten' },
    description: {
      en: "A client in a FedTLS/MATF federation (Moa, RFC 9932), pointed at konform: konform publishes signed metadata that pins its test server and registers the client's pin, and is the server the client connects to. The client presents its registered certificate; it aborts before sending a request or token to a server whose certificate is not pinned; it does not take expired or badly signed metadata. The built-in run drives konform's reference client.",
      sv: 'En klient i en FedTLS/MATF-federation (Moa, RFC 9932), riktad mot konform: konform publicerar signerad metadata som pinnar dess testserver och registrerar klientens pinne, och är servern klienten ansluter till. Klienten visar sitt registrerade certifikat; den avbryter innan den skickar ett anrop eller en token till en server vars certifikat inte är pinnat; den tar inte utgången eller felaktigt signerad metadata i bruk. Den inbyggda körningen driver konforms referensklient.',
    },
    operations: [],
    transport: 'fedtls-client',
  },
  // --- end fedcli ---
}

/** The bundled SS 12000 2.1.0 document (as src/spec/load.ts reads it: YAML core schema, so dates stay strings). */
const FULL_SPEC = 'src/spec/documents/openapi_ss12000_version2_1_0.yaml'

let fullOps: readonly string[] | undefined

/** Every operation of the bundled document, in document order (69 in 2.1.0). */
export function fullOperations(): readonly string[] {
  if (!fullOps) {
    const doc = parseYaml(readFileSync(path.join(projectRoot(), FULL_SPEC), 'utf8'), { maxAliasCount: 1000 }) as OpenApiDoc
    fullOps = Object.freeze(indexOperations(doc).map((o) => o.key))
  }
  return fullOps
}

PROFILES['full-2.1'] = {
  title: { en: 'Full SS 12000 2.1.0: every operation', sv: 'Hela SS 12000 2.1.0: varje operation' },
  description: {
    en: 'Every operation of SS 12000:2020 API 2.1.0 (all lists, single records, lookups, subscriptions, log, statistics and the attendance writes, derived from the bundled OpenAPI document so it cannot drift), with every check that applies to them. The write operations are checked only with --allow-writes; without it their checks are skipped with that reason.',
    sv: 'Varje operation i SS 12000:2020 API 2.1.0 (alla listor, enskilda poster, uppslag, prenumerationer, loggning, statistik och närvaroregistreringens skrivningar, hämtade ur det medföljande OpenAPI-dokumentet så att listan inte kan glida isär), med varje kontroll som gäller dem. Skrivoperationerna kontrolleras bara med --allow-writes; utan den hoppas deras kontroller över med det skälet.',
  },
  get operations() {
    return fullOperations()
  },
}

export const DEFAULT_PROFILE = 'core'
