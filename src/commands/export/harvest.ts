import { Command, Flags } from '@oclif/core'
import { authFrom, checkUrl, credentialWarnings, envSecrets, limitFlags, limitsFrom } from '../../cli/flags.js'
import { EXIT } from '../../errors.js'
import { DEFAULT_PAGE_SIZE, harvest } from '../../export/harvest.js'
import { DEFAULT_LIMITS } from '../../http/limits.js'
import { DEFAULT_PROFILE, PROFILES } from '../../../suites/profiles.js'

export default class ExportHarvest extends Command {
  static override summary = 'Take all data out of an SS 12000 API into a BagIt bag (anti-lock-in export).'

  static override description = `Reads every record list of the profile to its end (following pageToken) and GET /deletedEntities when the
profile has it, read-only, and writes a BagIt bag (RFC 8493) to --out:
  data/<entity>.ndjson        one record per line, as the API served it (NOT redacted: it is your own data)
  data/deletedEntities.json   the deleted ids per type
  manifest.json               what was harvested: source, spec, profile, counts, duplicates, sha256, cursor
  manifest-sha256.txt, tagmanifest-sha256.txt, bag-info.txt, bagit.txt
A record the API serves twice (broken paging) is written once and counted under "duplicates" in manifest.json.
Without --target, konform harvests its built-in reference server.

Credentials come from the environment, never from flags:
  KONFORM_TOKEN           a bearer token to send as is, or
  KONFORM_CLIENT_SECRET   the client secret for --token-url/--client-id (OAuth 2.0 client credentials)

Exit codes: 0 every list harvested to its end, 1 the bag was written but a list could not be read to its end,
2 usage or configuration error (also a non-empty --out), 3 target unreachable.`

  static override examples = [
    { description: 'Export the built-in reference server', command: '<%= config.bin %> <%= command.id %> --out export-bag --profile skolverket-dnp' },
    {
      description: 'Export a vendor system with OAuth 2.0 client credentials, then check the bag',
      command:
        'KONFORM_CLIENT_SECRET=… <%= config.bin %> <%= command.id %> --target https://api.example.se/ss12000/v2.0 --token-url https://auth.example.se/token --client-id konform --profile skolverket-dnp --out export-2026-05 --source-organization "Exempel kommun"\n<%= config.bin %> export verify export-2026-05',
    },
  ]

  static override enableJsonFlag = true

  static override flags = {
    target: Flags.string({ char: 't', description: 'Base URL of the SS 12000 API to export (default: the built-in reference server).' }),
    out: Flags.string({ char: 'o', description: 'Folder for the bag (created; must be new or empty).', required: true }),
    profile: Flags.string({ char: 'p', description: 'Profile: which lists to export.', default: DEFAULT_PROFILE, options: Object.keys(PROFILES) }),
    'token-url': Flags.string({ description: 'OAuth 2.0 token endpoint (client credentials; secret in KONFORM_CLIENT_SECRET).' }),
    'client-id': Flags.string({ description: 'OAuth 2.0 client id for --token-url.' }),
    scope: Flags.string({ description: 'OAuth 2.0 scope to ask for.' }),
    spec: Flags.string({ description: 'OpenAPI document naming the operations (default: the bundled SS 12000 2.1.0).' }),
    'page-size': Flags.integer({ description: 'limit= asked for on each list.', default: DEFAULT_PAGE_SIZE, min: 1 }),
    'max-pages': Flags.integer({ description: 'Pages read per list at most (a list still offering pageToken after that is marked incomplete).', default: DEFAULT_LIMITS.maxPages, min: 1 }),
    'source-organization': Flags.string({ description: 'Source-Organization written to bag-info.txt (e.g. the huvudman).' }),
    ...limitFlags,
  }

  async run() {
    const { flags } = await this.parse(ExportHarvest)
    if (flags.target) checkUrl(flags.target, '--target')
    const auth = await authFrom(flags)
    const quiet = this.jsonEnabled()
    const warn = (text: string) => quiet || process.stderr.write(`konform: warning: ${text}\n`)
    for (const w of credentialWarnings(flags, auth)) warn(w)
    const result = await harvest({
      target: flags.target,
      specFile: flags.spec,
      profile: flags.profile,
      out: flags.out,
      auth,
      limits: { ...limitsFrom(flags), maxPages: flags['max-pages'] },
      pageSize: flags['page-size'],
      sourceOrganization: flags['source-organization'],
      secrets: envSecrets(),
      onStart: (i) => quiet || process.stderr.write(`konform: exporting ${i.operations.join(', ')} from ${i.builtIn ? 'the built-in reference server at ' : ''}${i.target}\n`),
      onFile: (f) => {
        if (quiet) return
        const extra = [f.duplicates ? `${f.duplicates} duplicates not written twice` : '', f.withoutId ? `${f.withoutId} without id` : '']
          .filter(Boolean)
          .join(', ')
        this.log(`${f.entity.padEnd(18)} ${String(f.count).padStart(8)} ${f.format === 'json' ? 'deleted ids' : 'records'}${extra ? ` (${extra})` : ''}${f.complete ? '' : `  INCOMPLETE: ${f.error}`}`)
      },
    })
    if (!result.manifest.harvest.complete) process.exitCode = EXIT.CHECK_FAILED
    if (!quiet) {
      this.log('')
      this.log(result.manifest.harvest.complete ? `Bag written: ${result.dir}` : `Bag written, but INCOMPLETE (see manifest.json): ${result.dir}`)
    }
    return { dir: result.dir, complete: result.manifest.harvest.complete, files: result.manifest.files }
  }
}
