// `node qpdf-wasm.mjs FILE`: `qpdf --check FILE` with qpdf built to
// WebAssembly; prints what qpdf prints and exits with its status.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const wasm = readFileSync(require.resolve('@jspawn/qpdf-wasm/qpdf.wasm'))
const qpdf = await require('@jspawn/qpdf-wasm')({
  // its loader would fetch() the .wasm by path, which Node's fetch refuses
  instantiateWasm: (imports, done) => {
    WebAssembly.instantiate(wasm, imports).then((result) => done(result.instance))
    return {}
  }
})
qpdf.FS.writeFile('/check.pdf', readFileSync(process.argv[2]))
process.exitCode = qpdf.callMain(['--check', '/check.pdf'])
