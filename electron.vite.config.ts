import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'
import { devServerPolicy, metaContentSecurityPolicy } from './src/main/hosting/csp'

const shared = { '@shared': resolve('src/shared') }

export default defineConfig({
  main: {
    resolve: { alias: shared },
    build: {
      rollupOptions: {
        // index: the Electron main process; web: the browser host (plain Node, no Electron);
        // worker: handouts and backups, off the main thread (for both);
        // clinic-server: the clinic's server (plain Node, PostgreSQL)
        input: {
          index: resolve('src/main/index.ts'),
          web: resolve('src/main/web/cli.ts'),
          'clinic-server': resolve('src/main/clinic/cli.ts'),
          worker: resolve('src/main/offthread/worker.ts')
        }
      }
    }
  },
  preload: {
    resolve: { alias: shared },
    build: {
      // A sandboxed preload can only require 'electron': bundle everything else into it.
      externalizeDeps: false,
      isolatedEntries: true
    }
  },
  renderer: {
    resolve: { alias: { ...shared, '@renderer': resolve('src/renderer/src') } },
    plugins: [
      vue(),
      {
        name: 'physioplan-dev-server-csp',
        apply: 'serve',
        transformIndexHtml: (html: string) =>
          html.replace(metaContentSecurityPolicy, devServerPolicy(metaContentSecurityPolicy))
      }
    ]
  }
})
