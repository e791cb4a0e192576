// A realistic RunResult for report tests: two suites (api, auth), every status, evidence exchanges, requirements —
// and the hostile content a target can put in front of a reader: markup, `]]>`, a NUL, a lone surrogate,
// U+FFFE, and Swedish text (åäö) that must survive every format.

import {
  RESULT_SCHEMA_VERSION,
  VERDICT_RULE,
  mustPassed,
  summarise,
  type CheckResult,
  type Exchange,
  type RequirementInfo,
  type RunResult,
} from '../../src/core/result.js'

export const HOSTILE = {
  script: '<script>alert(1)</script>',
  cdataEnd: ']]>',
  nul: '\u0000',
  loneSurrogate: '\uD800',
  nonChar: '\uFFFE',
  swedish: 'Åsa Öberg, Ängby skola – läsår 2024/25',
} as const

const BASE = 'https://sis.example.se/ss12000/v2'

function exchange(id: string, at: string, method: string, path: string, status: number | undefined, body = '', extra: Partial<Exchange> = {}): Exchange {
  const x: Exchange = {
    id,
    startedAt: at,
    durationMs: 120 + id.length,
    request: {
      method,
      url: `${BASE}${path}`,
      headers: { accept: 'application/json', authorization: 'Bearer «access-token»' },
    },
    ...extra,
  }
  if (status !== undefined) {
    x.response = {
      status,
      headers: { 'content-type': 'application/json; charset=utf-8', 'x-request-id': `req-${id}` },
      body,
      bodyBytes: Buffer.byteLength(body, 'utf8'),
      truncated: false,
    }
  }
  return x
}

export const SAMPLE_REQUIREMENTS: Record<string, RequirementInfo> = {
  'SS12000-API-DISCOVERY': {
    ref: 'SS12000-API-DISCOVERY',
    standard: 'SS 12000:2020 API 2.1.0',
    section: 'paths /organisations',
    text: {
      en: 'The service answers GET /organisations with 200 and a list body.',
      sv: 'Tjänsten svarar på GET /organisations med 200 och en lista.',
    },
    url: 'https://www.sis.se/ss12000',
  },
  'SS12000-PAGETOKEN': {
    ref: 'SS12000-PAGETOKEN',
    standard: 'SS 12000:2020 API 2.1.0',
    section: 'parameters pageToken; schema pageToken',
    text: {
      en: 'Paging with pageToken returns every object exactly once and ends with no pageToken.',
      sv: 'Bläddring med pageToken ger varje objekt exakt en gång och slutar utan pageToken.',
    },
  },
  'SS12000-SCHEMA': {
    ref: 'SS12000-SCHEMA',
    standard: 'SS 12000:2020 API 2.1.0',
    section: 'components/schemas',
    text: {
      en: 'Response bodies validate against the schema of the operation (e.g. "<Persons>" lists).',
      sv: 'Svarsinnehåll följer operationens schema (t.ex. listor av "<Persons>"; åäö).',
    },
  },
  'RFC6750-3.1': {
    ref: 'RFC6750-3.1',
    standard: 'RFC 6750',
    section: '3.1',
    text: {
      en: 'A request without a valid access token is refused with 401 and WWW-Authenticate.',
      sv: 'Ett anrop utan giltig åtkomsttoken nekas med 401 och WWW-Authenticate.',
    },
    url: 'https://www.rfc-editor.org/rfc/rfc6750#section-3.1',
  },
  'RFC8705-3': {
    ref: 'RFC8705-3',
    standard: 'RFC 8705',
    section: '3',
    text: { en: 'Certificate-bound access tokens are honoured.', sv: 'Certifikatbundna åtkomsttoken respekteras.' },
  },
  'SS12000-API-SEC': {
    ref: 'SS12000-API-SEC',
    standard: 'SS 12000:2020 API 2.1.0',
    section: 'security',
    text: { en: 'Every operation requires authorisation.', sv: 'Varje operation kräver behörighet.' },
  },
  'SS12000-DELETED': {
    ref: 'SS12000-DELETED',
    standard: 'SS 12000:2020 API 2.1.0',
    section: 'paths /deletedEntities',
    text: { en: 'Deleted objects are listed by /deletedEntities.', sv: 'Raderade objekt listas av /deletedEntities.' },
  },
}

/** The hostile response body: markup, CDATA terminator, NUL, lone surrogate, U+FFFE and Swedish names. */
export const HOSTILE_BODY =
  `{"data":[{"id":"p1","givenName":"${HOSTILE.script}","familyName":"${HOSTILE.cdataEnd}"},` +
  `{"id":"p1","givenName":"Åsa","familyName":"Öberg${HOSTILE.nul}${HOSTILE.loneSurrogate}${HOSTILE.nonChar}"}],"pageToken":"t2"}`

export function sampleResults(): CheckResult[] {
  // The client-credentials request that fetched the access token: id and secret went base64 in a Basic header,
  // which the redactor records as «KONFORM_CLIENT_SECRET»; the token itself is «redacted» in the response body.
  const e0 = exchange(
    'e0',
    '2025-03-04T09:00:00.050Z',
    'POST',
    '/token',
    200,
    '{"access_token":"«redacted»","token_type":"Bearer","expires_in":3600}',
  )
  e0.request.url = 'https://auth.example.se/oauth2/token'
  e0.request.headers = { 'content-type': 'application/x-www-form-urlencoded', authorization: 'Basic «KONFORM_CLIENT_SECRET»' }
  e0.request.body = 'grant_type=client_credentials&scope=ss12000'
  const e1 = exchange('e1', '2025-03-04T09:00:00.100Z', 'GET', '/organisations', 200, '{"data":[{"id":"o1","displayName":"Ängby skola"}]}')
  const e2 = exchange('e2', '2025-03-04T09:00:01.000Z', 'GET', '/persons?limit=2', 200, HOSTILE_BODY)
  const e3 = exchange('e3', '2025-03-04T09:00:01.300Z', 'GET', '/persons?limit=2&pageToken=t2', 200, '{"data":[{"id":"p1"}]}')
  const e4 = exchange('e4', '2025-03-04T09:00:02.000Z', 'GET', '/persons', 200, '{"data":[]}')
  const e5 = exchange('e5', '2025-03-04T09:00:03.000Z', 'GET', '/groups', undefined, '', {
    error: 'timeout after 10000 ms (UND_ERR_HEADERS_TIMEOUT)',
  })
  e5.durationMs = 10000
  const e6 = exchange('e6', '2025-03-04T09:00:04.000Z', 'GET', '/persons', 403, '{"error":"forbidden"}')
  e6.request.headers = { accept: 'application/json' }
  const e7 = exchange('e7', '2025-03-04T09:00:05.000Z', 'GET', '/persons', 200, '{"data":[]}')
  e7.request.headers = { accept: 'application/json', authorization: 'Bearer «access-token»' }
  e7.response!.headers['x-debug'] = `${HOSTILE.script} ${HOSTILE.cdataEnd} "quoted" & 'single'`

  const base = {
    failures: [],
    notes: [],
    startedAt: '2025-03-04T09:00:00.000Z',
  }

  return [
    {
      ...base,
      name: 'API-DISCOVERY-001',
      checkId: 'API-DISCOVERY-001',
      suite: 'api',
      title: { en: 'The organisation list answers', sv: 'Listan över organisationer svarar' },
      requirements: ['SS12000-API-DISCOVERY'],
      severity: 'must',
      status: 'pass',
      notes: ['1 organisation: Ängby skola'],
      evidence: [e0, e1],
      durationMs: 130,
    },
    {
      ...base,
      name: 'API-PAGING-001 [GET /persons]',
      checkId: 'API-PAGING-001',
      operation: 'GET /persons',
      suite: 'api',
      title: { en: 'Paging returns every object exactly once', sv: 'Bläddring ger varje objekt exakt en gång' },
      requirements: ['SS12000-PAGETOKEN'],
      severity: 'must',
      status: 'fail',
      failures: [
        {
          message: `id p1 appears twice in one walk (givenName ${HOSTILE.script})`,
          expected: 'each id once',
          actual: `p1 on page 1 and page 2 ${HOSTILE.cdataEnd} ${HOSTILE.nul}`,
          evidence: ['e2', 'e3'],
        },
        { message: 'the walk returned 2 objects for 3 ids', evidence: ['e3'] },
      ],
      notes: [
        `walked 2 pages; a familyName held control and non-characters: Öberg${HOSTILE.nul}${HOSTILE.loneSurrogate}${HOSTILE.nonChar}\uFFFF${HOSTILE.cdataEnd}`,
        `${HOSTILE.swedish}`,
      ],
      evidence: [e2, e3],
      startedAt: '2025-03-04T09:00:01.000Z',
      durationMs: 612.4,
    },
    {
      ...base,
      name: 'API-SCHEMA-001 [GET /persons]',
      checkId: 'API-SCHEMA-001',
      operation: 'GET /persons',
      suite: 'api',
      title: { en: 'List responses validate against their schema', sv: 'Listsvar följer sitt schema' },
      requirements: ['SS12000-SCHEMA'],
      severity: 'should',
      status: 'pass',
      evidence: [e4],
      durationMs: 95,
    },
    {
      ...base,
      name: 'API-SCHEMA-001 [GET /groups]',
      checkId: 'API-SCHEMA-001',
      operation: 'GET /groups',
      suite: 'api',
      title: { en: 'List responses validate against their schema', sv: 'Listsvar följer sitt schema' },
      requirements: ['SS12000-SCHEMA'],
      severity: 'should',
      status: 'error',
      reason: 'timeout after 10000 ms (UND_ERR_HEADERS_TIMEOUT)',
      evidence: [e5],
      durationMs: 10004,
    },
    {
      ...base,
      name: 'AUTH-RS-001',
      checkId: 'AUTH-RS-001',
      suite: 'auth',
      title: { en: 'Requests without an access token are refused', sv: 'Anrop utan åtkomsttoken nekas' },
      requirements: ['RFC6750-3.1', 'SS12000-API-SEC'],
      severity: 'must',
      status: 'pass',
      notes: ['SS 12000 declares 403; RFC 6750 says 401. Either refuses.'],
      notesSv: ['SS 12000 anger 403; RFC 6750 säger 401. Båda nekar.'],
      evidence: [e6],
      durationMs: 88,
    },
    {
      ...base,
      name: 'AUTH-MTLS-001',
      checkId: 'AUTH-MTLS-001',
      suite: 'auth',
      title: { en: 'Certificate-bound tokens are honoured', sv: 'Certifikatbundna token respekteras' },
      requirements: ['RFC8705-3'],
      severity: 'may',
      status: 'skip',
      reason: 'not applicable: the profile does not use mTLS (ömsesidig TLS)',
      evidence: [],
      durationMs: 0,
    },
    {
      ...base,
      name: 'AUTH-HEADERS-002',
      checkId: 'AUTH-HEADERS-002',
      suite: 'auth',
      title: { en: 'Responses do not leak debug headers', sv: 'Svar läcker inte felsökningshuvuden' },
      requirements: ['SS12000-API-SEC'],
      severity: 'should',
      status: 'fail',
      failures: [
        {
          message: 'response carries an x-debug header',
          expected: 'no x-debug header',
          actual: `x-debug: ${HOSTILE.script}`,
          evidence: ['e7'],
        },
      ],
      evidence: [e7],
      durationMs: 140,
    },
  ]
}

/** A complete RunResult around sampleResults(); `results` may be replaced (summary and verdict follow them). */
export function sampleRun(results: CheckResult[] = sampleResults()): RunResult {
  return {
    schemaVersion: RESULT_SCHEMA_VERSION,
    runId: '2025-03-04T090000Z-7f3a9c',
    tool: { name: 'konform', version: '0.1.0', node: 'v20.20.2' },
    spec: {
      title: 'SS 12000:2020 Skoladministrativ information – API',
      version: '2.1.0',
      sha256: 'a3f1c0de9b8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a392817060f5e',
      file: 'src/spec/documents/openapi_ss12000_version2_1_0.yaml',
      errata: [
        {
          id: 'SS12000-2.1-E1',
          pointer: '#/components/schemas/Grade/required',
          text: { en: 'Grade.required lists schoolUnit, which is not a property.', sv: 'Grade.required anger schoolUnit, som inte är en egenskap.' },
        },
      ],
    },
    target: { url: BASE, builtIn: false, faults: [] },
    profile: 'core',
    suites: ['api', 'auth'],
    startedAt: '2025-03-04T09:00:00.000Z',
    finishedAt: '2025-03-04T09:00:15.250Z',
    durationMs: 15250,
    limits: {
      concurrency: 4,
      requestTimeoutMs: 10000,
      checkTimeoutMs: 60000,
      maxResponseBytes: 10485760,
      ratePerSecond: 10,
      allowWrites: false,
    },
    verdict: { passed: mustPassed(results), rule: VERDICT_RULE },
    summary: summarise(results),
    requirements: structuredClone(SAMPLE_REQUIREMENTS),
    redaction: { secrets: true, personalData: true },
    results,
  }
}
