// Every text of report.html in Swedish and English, as one table. Placeholders are {name}; values are inserted
// HTML-escaped by the renderer, the texts themselves are plain text (escaped too).

export type Lang = 'sv' | 'en'

export const STRINGS = {
  docTitle: { en: 'konform conformance report', sv: 'konform – rapport om överensstämmelse' },
  heading: { en: 'Conformance test report', sv: 'Rapport från överensstämmelseprovning' },
  subheading: {
    en: 'SS 12000 conformance test, run {runId}',
    sv: 'Provning mot SS 12000, körning {runId}',
  },
  verdictHeadline: {
    en: 'Meets the must-requirements of profile {profile}: {answer}',
    sv: 'Uppfyller skall-kraven i profil {profile}: {answer}',
  },
  yes: { en: 'yes', sv: 'ja' },
  no: { en: 'no', sv: 'nej' },
  decisionRule: { en: 'Decision rule', sv: 'Beslutsregel' },
  scopeStatement: {
    en: 'The results relate only to the target named below, as it answered during the stated time.',
    sv: 'Resultaten gäller endast det mål som anges nedan, så som det svarade under angiven tid.',
  },

  // summary
  summary: { en: 'Summary', sv: 'Sammanfattning' },
  identification: { en: 'Identification', sv: 'Identifiering' },
  target: { en: 'Target', sv: 'Mål' },
  builtInTarget: {
    en: 'built-in reference server (not a vendor system)',
    sv: 'inbyggd referensserver (inte en leverantörs system)',
  },
  faults: { en: 'Injected faults', sv: 'Inlagda fel' },
  profile: { en: 'Profile', sv: 'Profil' },
  suites: { en: 'Suites', sv: 'Sviter' },
  date: { en: 'Date of test', sv: 'Provningsdatum' },
  started: { en: 'Started', sv: 'Startad' },
  finished: { en: 'Finished', sv: 'Avslutad' },
  duration: { en: 'Duration', sv: 'Tidsåtgång' },
  runId: { en: 'Run id', sv: 'Körnings-id' },
  toolVersion: { en: 'Tool version', sv: 'Verktygsversion' },
  nodeVersion: { en: 'Node.js', sv: 'Node.js' },
  specification: { en: 'Specification', sv: 'Specifikation' },
  specFile: { en: 'Specification file', sv: 'Specifikationsfil' },
  sha256: { en: 'SHA-256', sv: 'SHA-256' },
  errata: { en: 'Spec errata applied', sv: 'Tillämpade rättelser av specifikationen' },
  noErrata: { en: 'none', sv: 'inga' },
  limits: { en: 'Test limits', sv: 'Provningsgränser' },
  limitsText: {
    en: 'concurrency {concurrency}, {rate} requests/s, request timeout {requestTimeout} ms, check timeout {checkTimeout} ms, response cap {maxBytes} bytes, {writes}',
    sv: 'samtidighet {concurrency}, {rate} anrop/s, tidsgräns per anrop {requestTimeout} ms, per kontroll {checkTimeout} ms, svarstak {maxBytes} byte, {writes}',
  },
  readOnly: { en: 'read-only', sv: 'endast läsning' },
  writesAllowed: { en: 'writes allowed', sv: 'skrivningar tillåtna' },
  redaction: { en: 'Redaction', sv: 'Maskering' },
  redactionText: {
    en: 'secrets: {secrets}; personal data: {personal}',
    sv: 'hemligheter: {secrets}; personuppgifter: {personal}',
  },
  redacted: { en: 'redacted', sv: 'maskerade' },
  notRedacted: { en: 'NOT redacted', sv: 'INTE maskerade' },
  counts: { en: 'Outcomes by severity', sv: 'Utfall per kravnivå' },
  severity: { en: 'Severity', sv: 'Kravnivå' },
  status: { en: 'Status', sv: 'Status' },
  total: { en: 'Total', sv: 'Totalt' },

  // traceability
  traceability: { en: 'Requirement traceability', sv: 'Spårbarhet mot krav' },
  traceabilityIntro: {
    en: 'Each requirement, the checks that test it and their outcome. A requirement no check tested is listed as not tested.',
    sv: 'Varje krav, de kontroller som provar det och deras utfall. Krav som ingen kontroll provade anges som ej provade.',
  },
  requirement: { en: 'Requirement', sv: 'Krav' },
  standard: { en: 'Standard', sv: 'Standard' },
  section: { en: 'Section', sv: 'Avsnitt' },
  text: { en: 'Text', sv: 'Text' },
  checks: { en: 'Checks', sv: 'Kontroller' },
  outcome: { en: 'Outcome', sv: 'Utfall' },
  notTested: { en: 'not tested', sv: 'ej provat' },
  unknownRequirement: {
    en: '(not in the requirement catalogue of this run)',
    sv: '(finns inte i kravkatalogen för körningen)',
  },

  // results
  results: { en: 'Check results', sv: 'Resultat per kontroll' },
  filterAll: { en: 'All', sv: 'Alla' },
  filterLabel: { en: 'Show', sv: 'Visa' },
  searchLabel: { en: 'Find check by id', sv: 'Sök kontroll på id' },
  searchPlaceholder: { en: 'e.g. API-PAGING-001', sv: 't.ex. API-PAGING-001' },
  shownCount: { en: '{shown} of {total} shown', sv: '{shown} av {total} visas' },
  checkId: { en: 'Check id', sv: 'Kontroll-id' },
  operation: { en: 'Operation', sv: 'Operation' },
  requirements: { en: 'Requirements', sv: 'Krav' },
  reason: { en: 'Reason', sv: 'Orsak' },
  failures: { en: 'Findings', sv: 'Avvikelser' },
  expected: { en: 'Expected', sv: 'Förväntat' },
  actual: { en: 'Actual', sv: 'Faktiskt' },
  evidence: { en: 'Evidence', sv: 'Underlag' },
  notes: { en: 'Notes', sv: 'Anteckningar' },
  exchanges: { en: 'HTTP exchanges', sv: 'HTTP-anrop' },
  noExchanges: { en: 'No HTTP exchanges were recorded.', sv: 'Inga HTTP-anrop registrerades.' },
  request: { en: 'Request', sv: 'Anrop' },
  response: { en: 'Response', sv: 'Svar' },
  headers: { en: 'Headers', sv: 'Huvuden' },
  body: { en: 'Body', sv: 'Innehåll' },
  noResponse: { en: 'no response', sv: 'inget svar' },
  networkError: { en: 'Error', sv: 'Fel' },
  bodyBytes: { en: '{bytes} bytes on the wire', sv: '{bytes} byte överförda' },
  bodyTruncated: {
    en: 'excerpt: the recorded body is cut short',
    sv: 'utdrag: det registrerade innehållet är avkortat',
  },
  bodyCapped: {
    en: '[… {rest} more characters are in results.json]',
    sv: '[… ytterligare {rest} tecken finns i results.json]',
  },
  bodyFormatted: { en: 'JSON, indented for reading', sv: 'JSON, indenterad för läsning' },
  reproduce: { en: 'Reproduce (curl, redacted)', sv: 'Återskapa (curl, maskerat)' },
  reproduceExport: {
    en: 'Before pasting it, export {variables}; every other «…» value was redacted.',
    sv: 'Exportera {variables} innan du klistrar in det; övriga «…»-värden är maskerade.',
  },
  'variable.KONFORM_TOKEN': { en: 'an access token for the target', sv: 'en åtkomsttoken för målet' },
  'variable.KONFORM_CLIENT_ID': { en: 'the --client-id value', sv: 'värdet för --client-id' },
  'variable.KONFORM_CLIENT_SECRET': { en: 'the client secret', sv: 'klienthemligheten' },
  listSeparator: { en: ', ', sv: ', ' },
  none: { en: '(none)', sv: '(inga)' },
  endOfReport: {
    en: 'End of report {runId}: {total} check results.',
    sv: 'Slut på rapport {runId}: {total} kontrollresultat.',
  },
  generatedBy: { en: 'Generated by konform {version}', sv: 'Skapad av konform {version}' },

  // statuses and severities
  'status.pass': { en: 'Pass', sv: 'Godkänd' },
  'status.fail': { en: 'Fail', sv: 'Underkänd' },
  'status.skip': { en: 'Skipped', sv: 'Ej utförd' },
  'status.error': { en: 'Error', sv: 'Fel' },
  'severity.must': { en: 'must', sv: 'skall' },
  'severity.should': { en: 'should', sv: 'bör' },
  'severity.may': { en: 'may', sv: 'kan' },
} as const satisfies Record<string, { en: string; sv: string }>

export type StringKey = keyof typeof STRINGS

/** The text for `key` in `lang`, with {placeholders} replaced (plain text; the caller escapes). */
export function t(lang: Lang, key: StringKey, vars: Record<string, string | number> = {}): string {
  return STRINGS[key][lang].replace(/\{(\w+)\}/g, (m, name: string) =>
    Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : m,
  )
}
