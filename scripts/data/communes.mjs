#!/usr/bin/env node
// Derives the territory reference files shipped in data/territory/ (communes, departments,
// current regions, 2011 regions) from the npm package @etalab/decoupage-administratif.
//
// Usage, from the repository root:
//
//     npm ci --prefix scripts/data          # installs the exact version pinned in package.json
//     node scripts/data/communes.mjs        # writes data/territory/*.tsv
//     node scripts/data/communes.mjs --check   # regenerates in memory, exits 1 if a file differs
//
// Input: @etalab/decoupage-administratif 6.0.0 (Code officiel géographique of INSEE at
// 1 January 2026, with INSEE legal populations), data/communes.json, data/departements.json,
// data/regions.json. Data under the Licence Ouverte (package README), code MIT.
//
// Output (UTF-8, LF, tab-separated, one header line, sorted by code in byte order so that the
// Rust side can binary-search; no field contains a tab or a newline):
//   communes.tsv       code  name  department  population (empty when the package has none)
//   departments.tsv    code  name  region  region_2011
//   regions.tsv        code  name              (current regions, since 1 January 2016)
//   regions-2011.tsv   code  name              (the 27 regions of 2011, before the 2016 merger)
//
// Choices:
// - Only current communes (type "commune-actuelle"). Communes déléguées and associées are
//   former communes inside a current one: an organisation's seat is in the current commune.
// - Paris, Lyon and Marseille are shipped as the communes 75056, 69123 and 13055, without their
//   45 arrondissements municipaux (75101–75120, 69381–69389, 13201–13216): those are not
//   communes (no mayor, no council of their own in the COG sense: INSEE types them
//   "arrondissement-municipal"), a picker offering "Paris 8e Arrondissement" beside "Paris" would
//   store two codes for one commune, and department and region are the same anyway. The Rust
//   side (Gazetteer::resolve) maps an arrondissement code, as found in SIRENE establishment
//   records, to its commune.
// - Only metropolitan France and the five overseas departments-regions (zone "metro" and
//   "drom"). The overseas collectivities (zone "com": Saint-Pierre-et-Miquelon, Saint-Barthélemy,
//   Saint-Martin, Wallis-et-Futuna, French Polynesia, New Caledonia, TAAF, Clipperton) belong to
//   no department and no region of the COG, so a commune's department and regions could not be
//   derived; set INCLUDE_ZONES below to change that.

import { readFile, writeFile, mkdir } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const PACKAGE = '@etalab/decoupage-administratif'
const VERSION = '6.0.0'
const INCLUDE_ZONES = new Set(['metro', 'drom'])

const HERE = path.dirname(fileURLToPath(import.meta.url))
const ROOT = path.resolve(HERE, '..', '..')
const OUTPUT = path.join(ROOT, 'data', 'territory')
const SOURCE = path.join(HERE, 'node_modules', ...PACKAGE.split('/'))

// The 27 regions as they were in 2011 (22 metropolitan, 5 overseas: Mayotte became an overseas
// department and region on 31 March 2011), with their INSEE codes, and the departments of each.
// Source: INSEE, Code officiel géographique au 1er janvier 2015 (files reg2015.txt and
// depts2015.txt, "Régions" and "Départements" columns REGION / DEP), the last COG before the
// regions were merged on 1 January 2016 (loi n° 2015-29 du 16 janvier 2015). Departments did not
// change between 2011 and 2015. Names are written as in 2011: region 24 was "Centre" until the
// same law renamed it "Centre-Val de Loire".
const REGIONS_2011 = [
  ['01', 'Guadeloupe', ['971']],
  ['02', 'Martinique', ['972']],
  ['03', 'Guyane', ['973']],
  ['04', 'La Réunion', ['974']],
  ['06', 'Mayotte', ['976']],
  ['11', 'Île-de-France', ['75', '77', '78', '91', '92', '93', '94', '95']],
  ['21', 'Champagne-Ardenne', ['08', '10', '51', '52']],
  ['22', 'Picardie', ['02', '60', '80']],
  ['23', 'Haute-Normandie', ['27', '76']],
  ['24', 'Centre', ['18', '28', '36', '37', '41', '45']],
  ['25', 'Basse-Normandie', ['14', '50', '61']],
  ['26', 'Bourgogne', ['21', '58', '71', '89']],
  ['31', 'Nord-Pas-de-Calais', ['59', '62']],
  ['41', 'Lorraine', ['54', '55', '57', '88']],
  ['42', 'Alsace', ['67', '68']],
  ['43', 'Franche-Comté', ['25', '39', '70', '90']],
  ['52', 'Pays de la Loire', ['44', '49', '53', '72', '85']],
  ['53', 'Bretagne', ['22', '29', '35', '56']],
  ['54', 'Poitou-Charentes', ['16', '17', '79', '86']],
  ['72', 'Aquitaine', ['24', '33', '40', '47', '64']],
  ['73', 'Midi-Pyrénées', ['09', '12', '31', '32', '46', '65', '81', '82']],
  ['74', 'Limousin', ['19', '23', '87']],
  ['82', 'Rhône-Alpes', ['01', '07', '26', '38', '42', '69', '73', '74']],
  ['83', 'Auvergne', ['03', '15', '43', '63']],
  ['91', 'Languedoc-Roussillon', ['11', '30', '34', '48', '66']],
  ['93', "Provence-Alpes-Côte d'Azur", ['04', '05', '06', '13', '83', '84']],
  ['94', 'Corse', ['2A', '2B']]
]

function fail (message) {
  console.error(`error: ${message}`)
  process.exit(2)
}

async function readJson (name) {
  return JSON.parse(await readFile(path.join(SOURCE, name), 'utf8'))
}

// Byte order of UTF-8 strings (codes are ASCII: "29" < "2A" < "2B" < "30" < "971"), the order
// the Rust side binary-searches in.
function byCode (a, b) {
  const x = Buffer.from(a.code)
  const y = Buffer.from(b.code)
  return Buffer.compare(x, y)
}

function clean (text, what) {
  if (typeof text !== 'string' || text.trim() !== text || text === '' || /[\t\n\r]/.test(text)) {
    fail(`${what}: unusable text ${JSON.stringify(text)}`)
  }
  return text
}

function tsv (header, rows) {
  return [header, ...rows].map(fields => fields.join('\t')).join('\n') + '\n'
}

async function build () {
  const meta = JSON.parse(await readFile(path.join(SOURCE, 'package.json'), 'utf8'))
  if (meta.version !== VERSION) {
    fail(`${PACKAGE} ${meta.version} is installed, this script is written for ${VERSION} (npm ci --prefix scripts/data)`)
  }
  const communes = await readJson('data/communes.json')
  const departements = await readJson('data/departements.json')
  const regions = await readJson('data/regions.json')

  const currentRegions = regions.filter(r => INCLUDE_ZONES.has(r.zone)).sort(byCode)
  const regionCodes = new Set(currentRegions.map(r => r.code))

  const region2011Of = new Map()
  for (const [code, , departments] of REGIONS_2011) {
    for (const department of departments) {
      if (region2011Of.has(department)) fail(`department ${department} is in two 2011 regions`)
      region2011Of.set(department, code)
    }
  }

  const departments = departements.filter(d => INCLUDE_ZONES.has(d.zone)).sort(byCode)
  const departmentCodes = new Set(departments.map(d => d.code))
  for (const d of departments) {
    if (!regionCodes.has(d.region)) fail(`department ${d.code}: unknown region ${d.region}`)
    if (!region2011Of.has(d.code)) fail(`department ${d.code} (${d.nom}) has no 2011 region in the table`)
  }
  for (const code of region2011Of.keys()) {
    if (!departmentCodes.has(code)) fail(`the 2011 table names department ${code}, which the package lacks`)
  }
  // The 2016 merger joined whole regions: every 2011 region lies in exactly one current region.
  const mergedInto = new Map()
  for (const d of departments) {
    const old = region2011Of.get(d.code)
    if (mergedInto.has(old) && mergedInto.get(old) !== d.region) {
      fail(`2011 region ${old} would be split between ${mergedInto.get(old)} and ${d.region}`)
    }
    mergedInto.set(old, d.region)
  }

  const current = communes
    .filter(c => c.type === 'commune-actuelle' && INCLUDE_ZONES.has(c.zone))
    .sort(byCode)
  const seen = new Set()
  for (const c of current) {
    if (!/^(\d{5}|2[AB]\d{3})$/.test(c.code)) fail(`commune code ${c.code} is not an INSEE code`)
    if (seen.has(c.code)) fail(`commune code ${c.code} appears twice`)
    seen.add(c.code)
    if (!departmentCodes.has(c.departement)) fail(`commune ${c.code}: unknown department ${c.departement}`)
    if (!c.code.startsWith(c.departement.slice(0, c.departement.length === 3 ? 3 : 2))) {
      fail(`commune ${c.code} is not numbered in its department ${c.departement}`)
    }
    if (c.population !== undefined && !(Number.isInteger(c.population) && c.population >= 0)) {
      fail(`commune ${c.code}: population ${c.population}`)
    }
  }

  return {
    'communes.tsv': tsv(
      ['code', 'name', 'department', 'population'],
      current.map(c => [c.code, clean(c.nom, c.code), c.departement, c.population ?? ''])
    ),
    'departments.tsv': tsv(
      ['code', 'name', 'region', 'region_2011'],
      departments.map(d => [d.code, clean(d.nom, d.code), d.region, region2011Of.get(d.code)])
    ),
    'regions.tsv': tsv(
      ['code', 'name'],
      currentRegions.map(r => [r.code, clean(r.nom, r.code)])
    ),
    'regions-2011.tsv': tsv(
      ['code', 'name'],
      REGIONS_2011.map(([code, name]) => ({ code, name })).sort(byCode).map(r => [r.code, r.name])
    )
  }
}

async function main () {
  const check = process.argv.includes('--check')
  const unknown = process.argv.slice(2).filter(a => a !== '--check')
  if (unknown.length > 0) fail(`unknown argument ${unknown[0]} (only --check)`)
  const files = await build()
  if (check) {
    let differ = 0
    for (const [name, text] of Object.entries(files)) {
      const committed = await readFile(path.join(OUTPUT, name), 'utf8').catch(() => null)
      if (committed !== text) {
        console.error(`data/territory/${name} differs from what ${PACKAGE} ${VERSION} gives`)
        differ += 1
      }
    }
    if (differ > 0) process.exit(1)
    console.log(`data/territory/ is what ${PACKAGE} ${VERSION} gives`)
    return
  }
  await mkdir(OUTPUT, { recursive: true })
  for (const [name, text] of Object.entries(files)) {
    await writeFile(path.join(OUTPUT, name), text, 'utf8')
    console.log(`data/territory/${name}: ${text.split('\n').length - 2} rows`)
  }
}

await main()
