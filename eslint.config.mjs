import js from '@eslint/js'
import pluginVue from 'eslint-plugin-vue'
import { defineConfigWithVueTs, vueTsConfigs } from '@vue/eslint-config-typescript'
import prettier from 'eslint-config-prettier'
import globals from 'globals'

/** An import of `electron`, or of a file in one of these src/main folders, refused with `message`. */
const refuse = (folders, message) => ({
  regex: `(^electron$)|(^|/)(${folders.join('|')})(/|$)|^(\\.\\./)+index$`,
  message
})
const noHttp = { name: 'node:http', message: 'Only the browser host (web/) speaks HTTP.' }

const mainFolderRules = [
  {
    // the store and the domain, and the work they send off the main thread: no shell
    files: ['src/main/core/**/*.ts', 'src/main/offthread/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noHttp, { name: 'http', message: noHttp.message }],
          patterns: [
            refuse(
              ['electron', 'web', 'hosting'],
              'The core knows no shell: it may import @shared, core/ and offthread/ only.'
            )
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
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'resources/**'] },
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
  // The folders of src/main say what each may import (see each folder's README.md).
  ...mainFolderRules,
  prettier
)
