// The project's definition of done for a check: it passes on the clean reference server and fails when a
// named fault breaks the rule it proves. A check that cannot fail is a defect; so is one that fails a
// conformant server.

import { expect } from 'chai'
import { loadChecks } from '../../src/core/registry.js'
import type { RunResult } from '../../src/core/result.js'
import type { FaultId } from '../../src/reference/faults.js'
import { proofProfile, runBuiltIn, runOne } from '../helpers/run.js'
import { AWAITING_FAULT } from './proxy-adversaries.test.js'

/** check id -> the faults that must make it fail (each at least one of its results). */
export const ADVERSARIES: Record<string, FaultId[]> = {
  'API-SCHEMA-002': ['schema.missing-meta'],
  'API-SCHEMA-003': ['schema.missing-meta'],
  'API-CAPABILITY-001': ['ops.lookups-missing'],
  'API-ITEM-001': ['item.differs-from-list'],
  'API-ITEM-002': ['item.malformed-id-404', 'error.no-body'],
  'API-ITEM-003': ['item.unknown-id-200', 'item.unknown-id-500'],
  'API-PAGING-001': ['paging.repeat-last-item', 'paging.skip-first-item', 'paging.never-ends'],
  'API-PAGING-002': ['paging.ignore-limit'],
  'API-PAGING-003': ['paging.token-with-filters-accepted', 'error.no-body'],
  'API-PAGING-004': ['paging.limit-zero-accepted'],
  'API-LOOKUP-001': ['lookup.ignore-ids'],
  'API-ERN-001': ['ern.always-display-name'],
  'API-FILTER-001': ['filter.modified-after-inclusive', 'filter.meta-ignored'],
  'API-FILTER-002': ['filter.created-before-exclusive', 'filter.meta-ignored'],
  'API-FILTER-003': ['filter.name-case-sensitive'],
  'API-FILTER-004': ['filter.name-any-value'],
  'API-FILTER-005': ['filter.unknown-enum-ignored'],
  'API-SORT-001': ['sort.unknown-key-ignored'],
  'API-SORT-002': ['sort.broken-on-page-2'],
  'API-ERN-002': ['ern.ignored'],
  'API-LOOKUP-002': ['lookup.civicnos-ignored'],
  'API-ID-001': ['identity.unstable-ids'],
  'API-FORMAT-001': ['data.malformed-civicno'],
  'AUTH-RS-001': ['auth.accept-missing-token', 'auth.401-without-challenge'],
  'AUTH-RS-007': ['auth.scheme-case-sensitive'],
  'AUTH-RS-002': ['auth.accept-invalid-token'],
  'AUTH-TOKEN-001': ['auth.token-without-type'],
  'AUTH-TOKEN-002': ['auth.token-accepts-wrong-secret'],
  'AUTH-TOKEN-003': ['auth.token-accepts-any-grant'],
  // --- write mode (profile write-mode, run with --allow-writes by runOne) ---
  'API-SUB-001': ['write.subscription-without-expires'],
  'API-SUB-002': ['write.subscription-not-listed'],
  'API-SUB-003': ['write.deleted-still-served'],
  'API-SUB-004': ['write.renew-keeps-expires'],
  'API-SUB-005': ['write.delete-answers-200'],
  'API-SUB-006': ['write.webhook-never-sent'],
  'API-LOG-001': ['write.log-accepts-invalid'],
  'API-STAT-001': ['write.statistics-accepts-invalid'],
  'API-WRITE-001': ['write.create-accepts-invalid'],
  'API-WRITE-002': ['write.deletion-not-recorded'],
  // --- end write mode ---
  // --- auth: JWT rules at the resource server (issue #6) ---
  'AUTH-RS-011': ['auth.rs-ignores-trusted-issuers'],
  'AUTH-RS-003': ['auth.rs-accepts-expired-token', 'auth.accept-invalid-token'],
  'AUTH-RS-004': ['auth.rs-accepts-unknown-key', 'auth.rs-accepts-alg-none', 'auth.rs-accepts-hs256-public-key'],
  'AUTH-RS-005': ['auth.rs-accepts-wrong-issuer', 'auth.rs-accepts-wrong-audience', 'auth.rs-accepts-future-nbf'],
  'AUTH-RS-006': ['auth.rs-ignores-dnp-organization', 'auth.rs-ignores-dnp-requested-access'],
  // --- end auth: JWT rules ---
  // --- auth: mutual TLS (issue #6) ---
  'AUTH-FEDTLS-SRV-002': ['tls.accepts-no-client-cert'],
  'AUTH-FEDTLS-SRV-003': ['tls.accepts-unknown-issuer'],
  'AUTH-FEDTLS-SRV-009': ['tls.accepts-tls-1.1'],
  // --- end auth: mutual TLS ---
  // --- auth: FedTLS/MATF metadata (issue #6) ---
  'AUTH-FEDTLS-MD-001': ['fedtls.md-compact-jws'],
  'AUTH-FEDTLS-MD-002': ['fedtls.md-no-kid'],
  'AUTH-FEDTLS-MD-003': ['fedtls.md-tampered-payload'],
  'AUTH-FEDTLS-MD-004': ['fedtls.md-expired'],
  'AUTH-FEDTLS-MD-005': ['fedtls.md-schema-invalid'],
  'AUTH-FEDTLS-MD-006': ['fedtls.md-duplicate-entity'],
  // --- end auth: FedTLS/MATF metadata ---
  // --- auth: token endpoint and resource-server rules, second part (issue #6, wip-auth2) ---
  'AUTH-RS-008': ['auth.rs-accepts-query-token'],
  'AUTH-TOKEN-007': ['auth.as-metadata-wrong-issuer'],
  'AUTH-TOKEN-005': ['auth.jwks-missing-token-kid'],
  'AUTH-FEDTLS-MD-008': ['fedtls.md-moa-no-organization-id'],
  // --- end auth: second part ---
  // --- fedtls: issuer certificates, cache TTL, legacy pins, the server side (issue #6, wip-fedtls) ---
  'AUTH-FEDTLS-MD-007': ['fedtls.md-weak-issuer'],
  'AUTH-FEDTLS-MD-009': ['fedtls.md-ttl-beyond-expiry'],
  'AUTH-FEDTLS-MD-010': ['fedtls.md-legacy-pins'],
  'AUTH-FEDTLS-SRV-001': ['fedtls.server-cert-unpinned'],
  'AUTH-FEDTLS-SRV-004': ['fedtls.accepts-unpinned-client'],
  'AUTH-FEDTLS-SRV-005': ['fedtls.trusts-entity-header'],
  'AUTH-FEDTLS-SRV-006': ['fedtls.keeps-removed-pin'],
  'AUTH-FEDTLS-SRV-007': ['fedtls.takes-unverified-metadata'],
  'AUTH-FEDTLS-SRV-008': ['fedtls.trusts-expired-metadata'],
  // --- end fedtls ---
  // --- fedcli: the FedTLS client side, konform's reference client (profile fedtls-client; issue #6, wip-fedcli) ---
  'AUTH-FEDTLS-CLI-001': ['fedtls-client.presents-unpinned-cert'],
  'AUTH-FEDTLS-CLI-002': ['fedtls-client.ignores-server-pin'],
  'AUTH-FEDTLS-CLI-003': ['fedtls-client.skips-metadata-signature', 'fedtls-client.trusts-expired-metadata'],
  // --- end fedcli ---
  // --- api suite over every read operation (issue #4) ---
  'API-SCHEMA-004': ['schema.missing-meta', 'error.no-body', 'schema.grade-bad-semester'],
  'API-SCHEMA-001': ['schema.missing-meta', 'schema.bad-enum', 'schema.grade-bad-semester'],
  'API-EXPAND-001': ['expand.ignored'],
  'API-FILTER-007': ['filter.open-ended-dropped'],
  'API-PARAM-001': ['filter.required-window-optional'],
  'API-REF-001': ['data.dangling-reference', 'identity.unstable-ids'],
  // --- export suite (issue #5); test/helpers/run.ts runs these on profile skolverket-dnp when they belong to it ---
  'EXPORT-ACCESS-001': ['export.list-forbidden'],
  'EXPORT-WALK-002': ['paging.never-ends'],
  'EXPORT-ONCE-003': ['paging.repeat-last-item'],
  'EXPORT-PAGESIZE-004': ['paging.skip-first-item'],
  'EXPORT-LIMIT-005': ['paging.ignore-limit'],
  'EXPORT-ID-006': ['identity.unstable-ids'],
  'EXPORT-ITEM-007': ['item.differs-from-list'],
  'EXPORT-LOOKUP-008': ['lookup.ignore-ids'],
  'EXPORT-REFS-009': ['data.dangling-reference'],
  'EXPORT-HISTORY-013': ['export.active-only'],
  'EXPORT-SCHEMA-015': ['schema.bad-enum', 'schema.missing-meta'],
  'EXPORT-META-016': ['schema.missing-meta'],
  'EXPORT-FILTER-018': ['filter.modified-after-inclusive'],
  'EXPORT-TZ-019': ['export.offset-ignored'],
  'EXPORT-DELTA-021': ['export.deletions-missing'],
  'EXPORT-DELETED-022': ['paging.token-with-filters-accepted'],
  'EXPORT-DELETED-023': ['export.deleted-still-listed'],
  'EXPORT-DELETED-025': ['export.deletions-missing'],
  'EXPORT-REPEAT-035': ['identity.unstable-ids'],
  'EXPORT-COUNTS-012': ['export.active-only'],
  'EXPORT-THROTTLE-033': ['export.throttle-without-retry-after'],
  'EXPORT-COVERAGE-014': ['export.duties-empty'],
  'EXPORT-SUBSECOND-020': ['export.fraction-rounded'],
  // --- api2: read-side rules (issues #4, #3) ---
  'API-FILTER-006': ['filter.relation-ignored'],
  'API-FILTER-008': ['filter.member-ignored', 'filter.event-person-ignored', 'filter.person-relationship-ignored'],
  'API-SCHEMA-005': ['schema.missing-meta'],
  // --- end api2 ---
  // --- export3: the rest of the export suite (issue #5) ---
  'EXPORT-CHURN-036': ['export.offset-paging'],
  'EXPORT-GAP-010': ['export.syllabuses-withheld'],
  'EXPORT-TEXT-017': ['export.text-mojibake'],
  'EXPORT-TOMBSTONE-024': ['export.old-after-empty'],
  'EXPORT-DURATION-032': ['export.two-record-pages'],
  'EXPORT-PARTITION-011': ['export.org-filter-drops-one'],
  'EXPORT-HASMORE-034': ['export.token-on-last-full-page'],
  'EXPORT-REGISTER-030': ['export.syllabuses-withheld'],
  // --- end export3 ---
  // --- auth: RFC 8705 certificate-bound tokens, another huvudman (issue #6, wip-auth3; profiles mtls-token, skolverket-dnp) ---
  'AUTH-TOKEN-004': ['auth.token-mtls-accepts-no-cert'],
  'AUTH-TOKEN-006': ['auth.token-cnf-spki-thumbprint'],
  'AUTH-RS-009': ['auth.rs-ignores-certificate-binding'],
  'AUTH-RS-010': ['auth.rs-other-huvudman-401', 'auth.rs-ignores-dnp-requested-access'],
  // --- end auth: RFC 8705 ---
  // --- api3: remaining api rules (issue #4) ---
  'API-FILTER-009': ['filter.relationship-type-ignored', 'filter.relationship-guardians-dropped', 'filter.person-relationship-ignored'],
  'API-FILTER-010': ['filter.attribute-ignored', 'filter.parent-ignored'],
  'API-CAPABILITY-002': ['ops.attendance-schedule-writes-missing'],
  'API-REF-002': ['data.parent-is-schoolunit'],
  'API-FORMAT-002': ['data.eppn-without-domain'],
  'API-EXPAND-002': ['expand.bumps-modified'],
  'API-PAGING-005': ['paging.limit-lenient'],
  'API-FILTER-011': ['filter.date-lenient'],
  // --- end api3 ---
}

/** The profile a check is proven in under a fault (test/helpers/run.ts). */
export const profileOf = proofProfile

describe('every check passes on the clean reference server', function () {
  let run: RunResult
  before(async function () {
    run = await runBuiltIn()
  })
  it('runs every check of the profile', async function () {
    const ids = new Set(run.results.map((r) => r.checkId))
    for (const c of await loadChecks()) if (c.profiles.includes('core')) expect(ids, c.id).to.include(c.id)
  })
  it('has no result other than pass', function () {
    const bad = run.results.filter((r) => r.status !== 'pass').map((r) => `${r.name}: ${r.status} ${r.reason ?? r.failures[0]?.message ?? ''}`)
    expect(bad).to.deep.equal([])
    expect(run.verdict.passed).to.equal(true)
  })
  it('records evidence for every result', function () {
    for (const r of run.results) expect(r.evidence.length + r.notes.length, r.name).to.be.greaterThan(0)
  })
})

describe('every check fails under its named faults', function () {
  it('names at least one fault for every check', async function () {
    // A check in AWAITING_FAULT is shown to fail behind a rule-breaking proxy until its named fault exists.
    const missing = (await loadChecks()).map((c) => c.id).filter((id) => !ADVERSARIES[id]?.length && !AWAITING_FAULT[id])
    expect(missing).to.deep.equal([])
  })
  for (const [id, faults] of Object.entries(ADVERSARIES)) {
    for (const fault of faults) {
      it(`${id} fails with ${fault}`, async function () {
        const results = await runOne(id, [fault])
        expect(results.length, 'results').to.be.greaterThan(0)
        const failed = results.filter((r) => r.status === 'fail')
        expect(failed.map((r) => r.name), results.map((r) => `${r.name}: ${r.status} ${r.reason ?? ''}`).join('; ')).to.not.be.empty
        for (const r of failed) {
          expect(r.failures.length).to.be.greaterThan(0)
          expect(r.evidence.length, `${r.name} evidence`).to.be.greaterThan(0)
          const ids = new Set(r.evidence.map((e) => e.id))
          for (const f of r.failures) for (const e of f.evidence) expect(ids.has(e), `evidence ${e} of ${r.name}`).to.equal(true)
        }
      })
    }
  }
})

describe('profile skolverket-dnp on the reference server', function () {
  it('passes clean, with results for groups, duties, activities and deletedEntities', async function () {
    const run = await runBuiltIn({ profile: 'skolverket-dnp' })
    const bad = run.results.filter((r) => r.status !== 'pass').map((r) => `${r.name}: ${r.status} ${r.reason ?? r.failures[0]?.message ?? ''}`)
    expect(bad).to.deep.equal([])
    const ops = new Set(run.results.map((r) => r.operation))
    for (const op of ['GET /groups', 'GET /duties/{id}', 'GET /activities', 'GET /deletedEntities']) expect(ops, op).to.include(op)
    expect(run.results.some((r) => r.checkId === 'AUTH-TOKEN-001')).to.equal(false)
  })
  it('fails on the new entities when a fault breaks them', async function () {
    const run = await runBuiltIn({ profile: 'skolverket-dnp', faults: ['schema.missing-meta', 'paging.repeat-last-item'], checkIds: ['API-SCHEMA-001', 'API-PAGING-001'] })
    const failed = run.results.filter((r) => r.status === 'fail').map((r) => r.name)
    for (const name of ['API-SCHEMA-001 [GET /groups]', 'API-SCHEMA-001 [GET /duties]', 'API-PAGING-001 [GET /activities]']) expect(failed, name).to.include(name)
  })
})

describe('profile full-2.1 on the reference server', function () {
  it('passes clean with --allow-writes, with a passing result for every operation of the profile (69)', async function () {
    this.timeout(120_000)
    const run = await runBuiltIn({ profile: 'full-2.1', allowWrites: true, noticeTimeoutMs: 5000 })
    const bad = run.results.filter((r) => r.status !== 'pass' && r.status !== 'skip').map((r) => `${r.name}: ${r.status} ${r.reason ?? r.failures[0]?.message ?? ''}`)
    expect(bad).to.deep.equal([])
    expect(run.verdict.passed).to.equal(true)
    const { PROFILES } = await import('../../suites/profiles.js')
    const ops = new Set(run.results.filter((r) => r.status === 'pass').map((r) => r.operation))
    expect(PROFILES['full-2.1'].operations.filter((k) => !ops.has(k))).to.deep.equal([])
  })
})

describe('an operation the target does not offer', function () {
  it('fails API-CAPABILITY-001 for it and skips the other checks of that operation only', async function () {
    const run = await runBuiltIn({ faults: ['ops.lookups-missing'] })
    const byName = new Map(run.results.map((r) => [r.name, r]))
    const cap = byName.get('API-CAPABILITY-001 [POST /persons/lookup]')
    expect(cap?.status).to.equal('fail')
    expect(cap?.failures[0].message).to.equal('POST /persons/lookup is not implemented')
    // The lookup checks skip: their operation is missing, which API-CAPABILITY-001 already reports …
    for (const name of ['API-LOOKUP-001 [POST /persons/lookup]', 'API-SCHEMA-003 [POST /organisations/lookup]']) {
      expect(byName.get(name)?.status, name).to.equal('skip')
      expect(byName.get(name)?.reason, name).to.equal('needs API-CAPABILITY-001, which did not pass')
    }
    // … and everything else still runs and passes.
    const others = run.results.filter((r) => !r.operation?.endsWith('/lookup'))
    expect(others.filter((r) => r.status !== 'pass').map((r) => `${r.name}: ${r.status}`)).to.deep.equal([])
    expect(run.verdict.passed).to.equal(false)
  })
})
