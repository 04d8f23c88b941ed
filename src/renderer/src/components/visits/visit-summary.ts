import type { Visit } from '@shared/types'
import { nounFor } from '../../format'

/** One line per visit on the timeline: "NPRS 3 · LEFS 52 · 24 km a week · 9/14 sessions". */
export function visitSummary(visit: Visit): string {
  const { outcomes, scores } = visit
  const { running } = outcomes
  const parts = [
    outcomes.nprs.now !== null ? `NPRS ${outcomes.nprs.now}` : '',
    outcomes.legNprs !== null ? `Leg pain ${outcomes.legNprs}` : '',
    scores.odiPercent !== null ? `ODI ${scores.odiPercent}%` : '',
    outcomes.rmdq !== null ? `RMDQ ${outcomes.rmdq}` : '',
    scores.psfsMean !== null ? `PSFS ${scores.psfsMean}` : '',
    scores.lefsTotal !== null ? `LEFS ${scores.lefsTotal}` : '',
    scores.visaATotal !== null ? `VISA-A ${scores.visaATotal}` : '',
    scores.startBack ? `STarT Back ${scores.startBack.total} (${scores.startBack.risk})` : '',
    outcomes.groc !== null ? `GROC ${outcomes.groc > 0 ? '+' : ''}${outcomes.groc}` : '',
    running.weeklyKm !== null ? `${running.weeklyKm} km a week` : '',
    running.pain !== null ? `running pain ${running.pain}` : '',
    visit.sessionsPrescribed
      ? `${visit.sessionsDone ?? 0}/${visit.sessionsPrescribed} ${nounFor(visit.sessionsPrescribed, 'session')}`
      : ''
  ]
  return parts.filter(Boolean).join(' · ')
}
