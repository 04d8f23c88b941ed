/**
 * The reference handout as one HTML page, for the peer comparison: what an
 * Electron app that prints HTML would hand Chromium. Same words, same
 * pictures (the SVGs inline, photos as data URLs), same fonts (Noto Sans
 * embedded), same layout rules: blocks kept on a page, the diary on its own
 * pages, a footer with "Page N of M".
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describeDose, sessionsPerDay } from '@shared/dose'
import { flagsOf, redFlagRules, type Urgency } from '@shared/red-flags'
import type { Dose, HandoutOptions, ProgramSnapshot } from '@shared/types'
import { formatDay, type HandoutAssets } from '../../src/main/core/handout/document'
import { en } from '../../src/main/core/handout/words.en'

const escape = (text: string) =>
  text.replace(
    /[&<>"]/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[char]!
  )

function fontFaces(fontsDir: string): string {
  const faces: [string, string, string][] = [
    ['NotoSans-Regular.ttf', 'normal', 'normal'],
    ['NotoSans-Bold.ttf', 'bold', 'normal'],
    ['NotoSans-Italic.ttf', 'normal', 'italic'],
    ['NotoSans-BoldItalic.ttf', 'bold', 'italic']
  ]
  return faces
    .map(
      ([file, weight, style]) =>
        `@font-face{font-family:NotoSans;font-weight:${weight};font-style:${style};src:url(data:font/ttf;base64,${readFileSync(join(fontsDir, file)).toString('base64')})}`
    )
    .join('')
}

function picture(id: number | undefined, assets: HandoutAssets): string {
  const found = id === undefined ? undefined : assets.pictures.get(id)
  if (found?.kind === 'svg') return `<div class="pic">${found.svg}</div>`
  if (found?.kind === 'image') return `<img class="pic" src="${found.dataUrl}">`
  return `<div class="pic none">${en.noPicture}</div>`
}

function days(first: string, week: number): string[] {
  const [year, month, day] = first.split('-').map(Number) as [number, number, number]
  return Array.from({ length: 7 }, (_, n) =>
    new Date(Date.UTC(year, month - 1, day + week * 7 + n)).toISOString().slice(0, 10)
  )
}

/** The whole page: the fonts and styles, then the body. */
export function handoutHtml(
  snapshot: ProgramSnapshot,
  options: HandoutOptions,
  assets: HandoutAssets,
  fontsDir: string
): string {
  return `<!doctype html><html><head>${handoutHead(options, fontsDir)}</head><body>${handoutBody(snapshot, options, assets)}</body></html>`
}

/**
 * The head alone: what a warm page keeps between prints (the fair peer
 * loads it once, so its fonts are parsed once, and swaps only the body).
 */
export function handoutHead(options: HandoutOptions, fontsDir: string): string {
  const body = options.largePrint ? 16 : 10.5
  return `<meta charset="utf-8"><style>${fontFaces(fontsDir)}
body{font-family:NotoSans;font-size:${body}pt;line-height:1.2;color:#1d2a30;margin:0}
h1{font-size:${options.largePrint ? 22 : 16}pt;margin:0}
h2{font-size:${options.largePrint ? 22 : 16}pt;margin:14pt 0 8pt}
h3,h4{font-size:${options.largePrint ? 19 : 13}pt;margin:0 0 4pt}
.muted{color:#5d6d74}.kicker{font-size:8.5pt;font-weight:bold;color:#0b5552;letter-spacing:1pt;margin-top:12pt}
hr{border:0;border-top:1pt solid #c5d0d3}
section{break-inside:avoid}.exercise{margin-bottom:16pt}
.row{display:flex;gap:14pt}.pics{width:125pt;flex:none}.pic{width:125pt}.pic svg{width:125pt;height:auto}
.none{border:1px solid #c5d0d3;text-align:center;padding:30pt 0;color:#5d6d74}
.dose{color:#0b5552;font-weight:bold}.note{font-style:italic}.caution{background:#fff6db;padding:3pt 4pt}
.help{border:1px solid #a3321f;break-inside:avoid;margin-top:6pt}.help h4{background:#a3321f;color:#fff;padding:4pt}
.help div{padding:4pt}.diary{break-before:page}.box{display:inline-block;width:9pt;height:9pt;border:0.8pt solid #5d6d74;margin:0 1.5pt}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #9aa9af;height:22pt}th.day{width:34pt;font-size:8.5pt}
</style>`
}

/** The body alone: the handout's content. */
export function handoutBody(
  snapshot: ProgramSnapshot,
  options: HandoutOptions,
  assets: HandoutAssets
): string {
  const { clinic, program, patient } = snapshot
  const exercises = snapshot.exercises
    .map((exercise, index) => {
      const ids = exercise.mediaIds.length ? exercise.mediaIds.slice(0, 2) : [undefined]
      const dose = describeDose(exercise.dose, en.dose, false)
      return `<section class="exercise"><h3>${index + 1}. ${escape(exercise.name)}</h3><div class="row">
<div class="pics">${ids.map((id) => picture(id, assets)).join('')}</div><div class="text">
<ol>${exercise.steps.map((step) => `<li>${escape(step)}</li>`).join('')}</ol>
${dose ? `<p class="dose"><b>${en.howMuch}:</b> ${escape(dose)}</p>` : ''}
${exercise.dose.note ? `<p class="note">${escape(exercise.dose.note)}</p>` : ''}
${exercise.caution ? `<p class="caution"><b>${en.caution}:</b> ${escape(exercise.caution)}</p>` : ''}
</div></div></section>`
    })
    .join('')
  const advice = snapshot.advice
    .filter((section) => section.kind !== 'seek-help')
    .map(
      (section) =>
        `<section class="advice"><h4>${escape(section.title)}</h4>${section.intro ? `<p>${escape(section.intro)}</p>` : ''}<ul>${section.points.map((point) => `<li>${escape(point)}</li>`).join('')}</ul></section>`
    )
    .join('')
  const help = snapshot.advice.filter((section) => section.kind === 'seek-help')
  const first = program.startDate ?? snapshot.issuedAt.slice(0, 10)
  const diary = Array.from({ length: options.diaryWeeks }, (_, week) => {
    const dates = days(first, week)
    const label = (iso: string) => {
      const date = new Date(`${iso}T00:00:00Z`)
      return `${date.toLocaleDateString('en-GB', { weekday: 'short', timeZone: 'UTC' })}<br>${date.getUTCDate()}/${date.getUTCMonth() + 1}`
    }
    return `<section class="week"><h4>${en.week(week + 1, formatDay(dates[0]!, en), formatDay(dates[6]!, en))}</h4>
<table><tr><th>${en.exercise}</th>${dates.map((d) => `<th class="day">${label(d)}</th>`).join('')}</tr>
${snapshot.exercises.map((exercise, index) => `<tr><td>${index + 1}. ${escape(exercise.name)}</td>${dates.map(() => `<td>${boxes(exercise.dose)}</td>`).join('')}</tr>`).join('')}
</table></section>`
  }).join('')
  return `<div class="clinic"><b>${escape(clinic.clinicName)}</b><div class="muted">${escape(clinic.address).replace(/\n/g, '<br>')}<br>${escape(clinic.phone)} · ${escape(clinic.email)}</div></div>
<hr><div class="kicker">${en.documentTitle.toUpperCase()}</div><h1>${escape(program.title)}</h1>
<div class="muted">${en.preparedFor}: ${escape(patient.fullName)} · ${en.issued}: ${formatDay(snapshot.issuedAt, en)} · ${en.therapist}: ${escape(clinic.therapistName)}</div>
<div class="muted">${program.startDate ? `${en.starts}: ${formatDay(program.startDate, en)}` : ''} · ${program.reviewDate ? `${en.review}: ${formatDay(program.reviewDate, en)}` : ''}</div>
${program.goals ? `<p><b>${en.goals}:</b> ${escape(program.goals)}</p>` : ''}
<h2>${en.exercises}</h2><p><b>${en.painRule}</b></p>${exercises}<h2>${en.advice}</h2>${advice}
<div class="help"><h4>${en.seekHelp}</h4><div>${flagLists(en.call(clinic.emergencyNumber ?? ''))}${help.length ? help.map((section) => `<p>${escape(section.intro)}</p><ul>${section.points.map((point) => `<li>${escape(point)}</li>`).join('')}</ul>`).join('') : en.seekHelpDefault}
<p><b>${program.reviewDate ? `${en.nextAppointment}: ${formatDay(program.reviewDate, en)}` : en.nextAppointmentBlank}</b></p></div></div>
<div class="diary"><h2>${en.diary}</h2><p class="muted">${en.diaryIntro}</p>${diary}</div>`
}

/** The red-flag lists the PDF's help box prints, as HTML. */
function flagLists(call: string): string {
  const list = (urgency: Urgency) =>
    `<ul>${flagsOf(urgency)
      .map((flag) => `<li>${escape(redFlagRules[flag].patientWords)}</li>`)
      .join('')}</ul>`
  return `<p><b>${escape(en.emergencyList(call))}</b></p>${list('emergency')}<p><b>${escape(en.sameDayList)}</b></p>${list('same-day')}`
}

/** One box per session in a diary cell, as the PDF draws them. */
function boxes(dose: Dose): string {
  const sessions = sessionsPerDay(dose)
  return sessions === 1 ? '' : '<span class="box"></span>'.repeat(sessions)
}

/** Chromium's footer: the same line and page numbers as the PDF's. */
export function footerHtml(clinicName: string): string {
  return `<div style="font-family:sans-serif;font-size:7.5pt;color:#5d6d74;width:100%;margin:0 40pt;display:flex;justify-content:space-between"><span>${escape(clinicName)} · ${en.disclaimer}</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`
}
