/**
 * `PHYSIOPLAN_NO_SYSTEM_TOOLS=1` runs the tests as a fresh machine would: no
 * system Chromium, qpdf or pdftoppm, only what `npm install` brought. CI runs
 * the suite both ways so neither path rots.
 */
export const systemToolsHidden = (env: NodeJS.ProcessEnv = process.env): boolean =>
  env.PHYSIOPLAN_NO_SYSTEM_TOOLS === '1'
