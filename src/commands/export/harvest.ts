import { Flags } from '@oclif/core'
import Export from './index.js'

/** konform export harvest: the harvest alone (konform export --no-checks), as it was before `konform export`. */
export default class ExportHarvest extends Export {
  static override summary = 'Take all data out of an SS 12000 API into a BagIt bag (konform export without the checks).'

  static override description = Export.description.replace(/\nThen the export suite[^]*?several times\)\./, '\nThe export checks are not run (use konform export for that).')

  static override examples = [
    { description: 'Export the built-in reference server', command: '<%= config.bin %> <%= command.id %> --out export-bag --profile skolverket-dnp' },
    {
      description: 'Export a vendor system with OAuth 2.0 client credentials, then check the bag',
      command:
        'KONFORM_CLIENT_SECRET=… <%= config.bin %> <%= command.id %> --target https://api.example.se/ss12000/v2.0 --token-url https://auth.example.se/token --client-id konform --profile skolverket-dnp --out export-2026-05 --source-organization "Exempel kommun"\n<%= config.bin %> export verify export-2026-05',
    },
  ]

  // oclif's parse() reads a command's own static members only: repeat the inherited ones.
  static override enableJsonFlag = true
  static override flags = {
    ...Export.flags,
    checks: Flags.boolean({ description: 'Run the export suite after the harvest (as konform export does).', default: false, allowNo: true }),
  }
}
