import js from '@eslint/js'
import pluginVue from 'eslint-plugin-vue'
import { defineConfigWithVueTs, vueTsConfigs } from '@vue/eslint-config-typescript'
import prettier from 'eslint-config-prettier'
import globals from 'globals'
import { importX } from 'eslint-plugin-import-x'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'

/** An import of `electron`, or of a file in one of these src/main folders, refused with `message`. */
const refuse = (folders, message) => ({
  regex: `(^electron$)|(^|/)(${folders.join('|')})(/|$)|^(\\.\\./)+index$`,
  message
})
const noHttp = { name: 'node:http', message: 'Only the browser host (web/) speaks HTTP.' }

/** the store and the domain, and the work they send off the main thread: no shell */
const coreImports = {
  paths: [noHttp, { name: 'http', message: noHttp.message }],
  patterns: [
    refuse(
      ['electron', 'web', 'hosting', 'clinic'],
      'The core knows no shell: it may import @shared, core/ and offthread/ only.'
    )
  ]
}

const mainFolderRules = [
  {
    files: ['src/main/core/**/*.ts', 'src/main/offthread/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', coreImports] }
  },
  {
    // The domain takes the `q` its handler's store.read/write gives it and never the store:
    // inside a write, a statement on the store waits for the write's own lock forever.
    // Only handlers.ts builds the store.
    files: ['src/main/core/**/*.ts'],
    ignores: ['src/main/core/handlers.ts', 'src/main/core/query/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...coreImports,
          patterns: [
            ...coreImports.patterns,
            {
              regex: '(^|/)query/store$',
              message: 'Domain functions take `q` first; handlers use context.store (handlers.ts).'
            },
            {
              regex: '(^|/)query/(sqlite|postgres)$',
              message: 'Ask dialectSql(q) (query/dialect.ts) for SQL that differs per store.'
            }
          ]
        }
      ]
    }
  },
  {
    // what both hosts share to serve the page
    files: ['src/main/hosting/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            refuse(
              ['electron', 'web', 'core', 'offthread'],
              'hosting/ serves the page for both shells: it may import @shared and Node only.'
            )
          ]
        }
      ]
    }
  },
  {
    // the clinic server: plain Node, no Electron
    files: ['src/main/clinic/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [refuse(['electron'], 'The clinic server runs without Electron.')] }
      ]
    }
  },
  {
    // the browser host: plain Node, no Electron
    files: ['src/main/web/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            refuse(['electron'], 'The browser host runs without Electron: core/ and hosting/ only.')
          ]
        }
      ]
    }
  }
]

export default defineConfigWithVueTs(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'resources/**', '.bench/**'] },
  js.configs.recommended,
  pluginVue.configs['flat/recommended'],
  vueTsConfigs.recommended,
  {
    languageOptions: { globals: { ...globals.node } }
  },
  {
    files: ['src/renderer/**/*.{ts,vue}'],
    languageOptions: { globals: { ...globals.browser } }
  },
  {
    // Components read stores; only stores talk to the api.
    files: ['src/renderer/src/{views,components}/**/*.{ts,vue}', 'src/renderer/src/*.vue'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/api', '@renderer/api'], message: 'Only stores call the api.' }] }
      ]
    }
  },
  {
    // No import circles: no file imports, directly or through others, a file that imports it,
    // so each part can be read, moved and bundled on its own. Components (.vue) are left out:
    // they import stores, never the other way, and parsing them again would double lint's time.
    files: ['**/*.{ts,mts,js,mjs}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: ['tsconfig.node.json', 'tsconfig.web.json'],
          noWarnOnMultipleProjects: true
        })
      ],
      'import-x/extensions': ['.ts', '.mts', '.js', '.mjs']
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] }
  },
  // The folders of src/main say what each may import (see each folder's README.md).
  ...mainFolderRules,
  prettier
)
