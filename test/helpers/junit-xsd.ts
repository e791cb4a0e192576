// The Jenkins xunit plugin's junit-10.xsd, read from ../shared/specs/junit beside the project.

import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { validateXML, type XMLValidationResult } from 'xmllint-wasm'
import { projectRoot } from '../../src/paths.js'

export const XSD_PATH = resolve(projectRoot(), '../shared/specs/junit/junit-10.xsd')
const XSD = readFileSync(XSD_PATH, 'utf8')

export function validateJunit(xml: string): Promise<XMLValidationResult> {
  return validateXML({ xml: [{ fileName: 'junit.xml', contents: xml }], schema: [{ fileName: 'junit-10.xsd', contents: XSD }] })
}
