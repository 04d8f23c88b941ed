/**
 * An issued program's snapshot as a pdfmake document definition. Pure: the
 * same snapshot, options and pictures always give the same definition, and
 * so the same PDF bytes. Everything the user typed goes in as plain text.
 */
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces'
import { BoundedMap } from '@shared/bounded-map'
import { describeDose, sessionsPerDay } from '@shared/dose'
import { flagsOf, highestUrgency, redFlagRules, type Urgency } from '@shared/red-flags'
import { exercisePhases, type Dose, type HandoutOptions, type ProgramSnapshot } from '@shared/types'
import { svgAsCanvas } from './drawing'
import { namePart } from '../file-names'
import {
  accent,
  danger,
  estimatedHeight,
  faint,
  fitsOnAPage,
  sizes,
  textWidth,
  type ExerciseShape
} from './layout'
import { balancedColumns, fullWidth, pairedBlocks } from './compact'
import { footer, generousMeasure, type TextMeasure } from './footer'
import { walkRunSection } from './walk-run'
import { en, type Words } from './words.en'

export type HandoutPicture = { kind: 'svg'; svg: string } | { kind: 'image'; dataUrl: string }

export interface HandoutAssets {
  /** by media id; a missing id prints a "no picture" frame */
  pictures: Map<number, HandoutPicture>
  logoDataUrl: string | null
}

/** By locale and options; bounded, though the handout asks for only a few. */
export const dateFormats = new BoundedMap<string, Intl.DateTimeFormat>(16)

/** A formatter made once: each toLocaleDateString builds one, and a diary needs dozens. */
function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale} ${JSON.stringify(options)}`
  const format = dateFormats.get(key) ?? new Intl.DateTimeFormat(locale, options)
  dateFormats.set(key, format)
  return format
}

/** "25 November 2026" for an ISO date or instant, in the handout's language. */
export function formatDay(iso: string, words: Words): string {
  const [year, month, day] = iso.slice(0, 10).split('-').map(Number) as [number, number, number]
  return dateFormat(words.locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC'
  }).format(Date.UTC(year, month - 1, day))
}

function header(
  snapshot: ProgramSnapshot,
  options: HandoutOptions,
  assets: HandoutAssets,
  words: Words
): Content[] {
  const { clinic, patient, program } = snapshot
  const clinicLines = [clinic.address, [clinic.phone, clinic.email].filter(Boolean).join(' · ')]
    .flatMap((text) => text.split('\n'))
    .filter((text) => text.trim() !== '')
  const who = [
    `${words.preparedFor}: ${patient.fullName}`,
    `${words.issued}: ${formatDay(snapshot.issuedAt, words)}`,
    clinic.therapistName ? `${words.therapist}: ${clinic.therapistName}` : ''
  ].filter(Boolean)
  const dates = [
    program.startDate ? `${words.starts}: ${formatDay(program.startDate, words)}` : '',
    program.reviewDate ? `${words.review}: ${formatDay(program.reviewDate, words)}` : ''
  ].filter(Boolean)
  return [
    {
      // the logo beside the clinic's details, when there is one
      columns: [
        ...(assets.logoDataUrl ? [{ image: 'logo', fit: [130, 60], width: 'auto' }] : []),
        {
          width: '*',
          stack: [
            { text: clinic.clinicName, style: 'clinic' },
            ...clinicLines.map((text) => ({ text, style: 'muted' }))
          ]
        }
      ],
      columnGap: 14,
      margin: [0, 0, 0, 10]
    },
    {
      canvas: [
        {
          type: 'line',
          x1: 0,
          y1: 0,
          x2: textWidth[options.paper],
          y2: 0,
          lineWidth: 1,
          lineColor: '#c5d0d3'
        }
      ]
    },
    { text: words.documentTitle.toUpperCase(), style: 'kicker', margin: [0, 12, 0, 2] },
    { text: program.title, style: 'title' },
    { text: who.join('   ·   '), style: 'muted', margin: [0, 4, 0, 0] },
    ...(dates.length ? [{ text: dates.join('   ·   '), style: 'muted' }] : []),
    ...(program.goals
      ? [{ text: [{ text: `${words.goals}: `, bold: true }, program.goals], margin: [0, 8, 0, 0] }]
      : [])
  ] as Content[]
}

function picture(
  id: number | undefined,
  assets: HandoutAssets,
  width: number,
  words: Words
): Content {
  const found = id === undefined ? undefined : assets.pictures.get(id)
  // only our own drawing subset is drawn (pdfmake's SVG renderer is never given a stored SVG)
  const drawn = found?.kind === 'svg' ? svgAsCanvas(found.svg, width) : null
  if (drawn) return drawn
  if (found?.kind === 'image') return { image: `picture-${id}`, fit: [width, width * 0.75] }
  return {
    table: {
      widths: [width - 10],
      body: [
        [
          {
            text: words.noPicture,
            style: 'muted',
            alignment: 'center',
            margin: [0, width * 0.25, 0, width * 0.25]
          }
        ]
      ]
    },
    layout: { hLineColor: () => '#c5d0d3', vLineColor: () => '#c5d0d3' }
  }
}

type SnapshotExercise = ProgramSnapshot['exercises'][number]

/** The steps, dose, note, easier variant and caution of one exercise. */
function exerciseText(
  exercise: SnapshotExercise,
  doseLine: string,
  options: HandoutOptions,
  words: Words
): Content[] {
  return [
    { ol: exercise.steps, margin: [0, 0, 0, 6] },
    ...(doseLine
      ? [
          {
            text: [{ text: `${words.howMuch}: `, bold: true }, doseLine],
            color: accent,
            bold: true
          }
        ]
      : []),
    ...(exercise.dose.note
      ? [{ text: exercise.dose.note, italics: true, margin: [0, 3, 0, 0] }]
      : []),
    ...(options.easierVariants !== false && exercise.easierName
      ? [{ text: words.tooHard(exercise.easierName), style: 'muted', margin: [0, 3, 0, 0] }]
      : []),
    ...(exercise.caution
      ? [
          {
            table: {
              widths: ['*'],
              body: [
                [
                  {
                    text: [{ text: `${words.caution}: `, bold: true }, exercise.caution],
                    fillColor: '#fff6db',
                    margin: [4, 3, 4, 3]
                  }
                ]
              ]
            },
            layout: 'noBorders',
            margin: [0, 6, 0, 0]
          }
        ]
      : [])
  ] as Content[]
}

/** An exercise's block and its estimated height, so a caller can keep it (or a pair) on one page. */
function exerciseBlock(
  exercise: SnapshotExercise,
  index: number,
  options: HandoutOptions,
  assets: HandoutAssets,
  words: Words,
  shape: ExerciseShape
): { block: Content; height: number } {
  const size = sizes(options)
  const ids: (number | undefined)[] = exercise.mediaIds.length
    ? exercise.mediaIds.slice(0, 2)
    : [undefined]
  // above the text, side by side: smaller than beside it (a row of them is the block's
  // height), and narrower still when two don't fit the column; never squashed
  const pictureWidth = shape.picturesAbove
    ? Math.min(shape.picture, (shape.width - 10 * (ids.length - 1)) / ids.length)
    : shape.picture
  const pictures = ids.map((id) => picture(id, assets, pictureWidth, words))
  // worded from the frozen dose in the handout's language (the snapshot's doseLine is English)
  const doseLine = describeDose(exercise.dose, words.dose, false)
  const text = exerciseText(exercise, doseLine, options, words)
  const beside = options.pictures && !shape.picturesAbove
  const textColumn = shape.width - (beside ? shape.picture + 14 : 0)
  const textHeight = estimatedHeight(
    [...exercise.steps, doseLine, exercise.dose.note ?? '', exercise.caution ?? ''],
    textColumn,
    size.body,
    size.lineHeight
  )
  const picturesHeight = options.pictures
    ? (shape.picturesAbove ? 1 : ids.length) * pictureWidth * 0.75
    : 0
  const body: Content = !options.pictures
    ? { stack: text }
    : beside
      ? {
          columns: [
            { width: shape.picture, stack: pictures },
            { width: '*', stack: text }
          ],
          columnGap: 14
        }
      : {
          stack: [
            {
              columns: pictures.map((drawn) => ({ width: pictureWidth, stack: [drawn] })),
              columnGap: 10,
              margin: [0, 0, 0, 6]
            },
            ...text
          ]
        }
  const height =
    (shape.picturesAbove && options.pictures
      ? textHeight + picturesHeight + 6
      : Math.max(textHeight, picturesHeight)) + 40
  return {
    block: {
      unbreakable: fitsOnAPage(height, options),
      margin: [0, 0, 0, size.gap],
      stack: [{ text: `${index + 1}. ${exercise.name}`, style: 'exercise' }, body]
    } as Content,
    height
  }
}

/**
 * The exercises under one heading, or grouped by when they are done (before
 * running, the program, after running) when the program uses more than one
 * group; numbered straight through, as the diary numbers them. The pain rule
 * comes first, before anything the patient might try.
 */
function exercisesByPhase(
  snapshot: ProgramSnapshot,
  options: HandoutOptions,
  assets: HandoutAssets,
  words: Words
): Content[] {
  const phaseOf = (exercise: ProgramSnapshot['exercises'][number]) => exercise.phase ?? 'main'
  const used = exercisePhases.filter((phase) =>
    snapshot.exercises.some((e) => phaseOf(e) === phase)
  )
  const painRule: Content = {
    text: words.painRule,
    bold: true,
    margin: [0, 0, 0, 10]
  }
  const build = (index: number, shape: ExerciseShape) =>
    exerciseBlock(snapshot.exercises[index]!, index, options, assets, words, shape)
  const blocks = (phase: (typeof exercisePhases)[number] | null): Content[] => {
    const numbers = snapshot.exercises.flatMap((exercise, index) =>
      phase === null || phaseOf(exercise) === phase ? [index] : []
    )
    return options.layout === 'compact'
      ? pairedBlocks(numbers, build, options)
      : numbers.map((index) => build(index, fullWidth(options)).block)
  }
  const grouped = used.some((phase) => phase !== 'main')
  return [
    { text: words.exercises, style: 'heading' },
    painRule,
    ...(grouped
      ? used.flatMap((phase) => [
          { text: words.phases[phase], style: 'phase' } as Content,
          ...blocks(phase)
        ])
      : blocks(null))
  ]
}

/** One advice section, kept on a page; the first carries the "Advice" heading with it. */
function adviceSection(
  section: ProgramSnapshot['advice'][number],
  options: HandoutOptions,
  heading: string | null,
  width = textWidth[options.paper]
): { block: Content; height: number } {
  const size = sizes(options)
  const height = estimatedHeight(
    [heading ?? '', section.title, section.intro, ...section.points],
    width,
    size.body,
    size.lineHeight
  )
  const block = {
    unbreakable: fitsOnAPage(height, options),
    margin: [0, 0, 0, 10],
    stack: [
      ...(heading === null ? [] : [{ text: heading, style: 'heading' }]),
      { text: section.title, style: 'subheading' },
      ...(section.intro ? [{ text: section.intro, margin: [0, 0, 0, 3] }] : []),
      { ul: section.points.filter((point) => point.trim() !== '') }
    ]
  } as Content
  return { block, height }
}

/** The advice sections under their heading: in two columns in the compact layout. */
function adviceSections(
  sections: ProgramSnapshot['advice'],
  options: HandoutOptions,
  words: Words
): Content[] {
  if (options.layout !== 'compact') {
    return sections.map(
      (section, index) => adviceSection(section, options, index === 0 ? words.advice : null).block
    )
  }
  const build = (index: number, shape: ExerciseShape) =>
    adviceSection(sections[index]!, options, null, shape.width)
  const [first, ...rest] = balancedColumns(sections.length, build, options)
  // the heading kept with the first pair
  return first
    ? [{ unbreakable: true, stack: [{ text: words.advice, style: 'heading' }, first] }, ...rest]
    : []
}

/** What the physiotherapist found at the latest visits, worded for the patient, most urgent first. */
function foundNow(snapshot: ProgramSnapshot, call: string, words: Words): Content[] {
  const found = snapshot.redFlags ?? []
  const signs = (urgency: Urgency) =>
    flagsOf(urgency, found)
      .map((flag) => redFlagRules[flag].patientWords)
      .join('; ')
  const urgency = highestUrgency(found)
  const also = flagsOf('same-day', found).length ? ` ${words.alsoFound(signs('same-day'))}` : ''
  const text =
    urgency === 'emergency'
      ? words.emergencyNow(signs('emergency'), call) + also
      : urgency === 'same-day'
        ? words.sameDayNow(signs('same-day'))
        : snapshot.urgent
          ? words.seekHelpNowLegacy
          : null
  return text === null ? [] : [{ text, bold: true, color: danger, margin: [0, 0, 0, 6] }]
}

/** What was found, on page 1 as well as in the help box: nobody should have to find it on page 6. */
function urgentNotice(snapshot: ProgramSnapshot, words: Words): Content[] {
  const found = foundNow(snapshot, words.call(snapshot.clinic.emergencyNumber ?? ''), words)
  if (found.length === 0) return []
  return [
    {
      table: { widths: ['*'], body: [[{ stack: found, margin: [6, 6, 6, 0] }]] },
      layout: { hLineColor: () => danger, vLineColor: () => danger },
      margin: [0, 10, 0, 0]
    } as Content
  ]
}

/**
 * Every red flag in the patient's words, with where to go: the same for
 * every handout, whatever advice the program carries.
 */
function redFlagLists(call: string, words: Words): Content[] {
  const list = (urgency: Urgency) => ({
    ul: flagsOf(urgency).map((flag) => redFlagRules[flag].patientWords),
    margin: [0, 2, 0, 6]
  })
  return [
    { text: words.emergencyList(call), bold: true },
    list('emergency'),
    { text: words.sameDayList, bold: true },
    list('same-day')
  ] as Content[]
}

function seekHelpBox(snapshot: ProgramSnapshot, words: Words): Content {
  const call = words.call(snapshot.clinic.emergencyNumber ?? '')
  const sections = snapshot.advice.filter((section) => section.kind === 'seek-help')
  const advice: Content[] = sections.length
    ? sections.flatMap((section) => [
        ...(section.intro ? [{ text: section.intro }] : []),
        { ul: section.points.filter((point) => point.trim() !== '') }
      ])
    : [{ text: words.seekHelpDefault }]
  const next = snapshot.program.reviewDate
    ? `${words.nextAppointment}: ${formatDay(snapshot.program.reviewDate, words)}`
    : words.nextAppointmentBlank
  return {
    unbreakable: true,
    margin: [0, 6, 0, 0],
    table: {
      widths: ['*'],
      body: [
        [
          {
            text: words.seekHelp,
            style: 'subheading',
            color: '#ffffff',
            fillColor: danger,
            margin: [6, 4, 6, 4]
          }
        ],
        [
          {
            stack: [
              ...foundNow(snapshot, call, words),
              ...(snapshot.spinalFlags === false ? [] : redFlagLists(call, words)),
              ...advice
            ],
            margin: [6, 6, 6, 6]
          }
        ],
        [{ text: next, bold: true, margin: [6, 6, 6, 6] }]
      ]
    },
    layout: { hLineColor: () => danger, vLineColor: () => danger }
  } as Content
}

function addDays(iso: string, days: number): string {
  const [year, month, day] = iso.slice(0, 10).split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10)
}

/**
 * A day's cell in the diary: one box per session, so an exercise done twice
 * a day has two. More than eight sessions a day print as a count instead.
 */
function sessionBoxes(dose: Dose, cellWidth: number, rowHeight: number): Content {
  const sessions = sessionsPerDay(dose)
  if (sessions === 1) return ''
  if (sessions > 8) return { text: `${sessions}×`, alignment: 'center', style: 'small' }
  const perRow = Math.min(sessions, 4)
  const rows = Math.ceil(sessions / perRow)
  const gap = 3
  const size = Math.min((cellWidth - 8 - gap * (perRow - 1)) / perRow, (rowHeight - 8) / rows - 1)
  const left = (cellWidth - 8 - perRow * size - (perRow - 1) * gap) / 2
  return {
    canvas: Array.from({ length: sessions }, (_, box) => ({
      type: 'rect',
      x: left + (box % perRow) * (size + gap),
      y: Math.floor(box / perRow) * (size + gap),
      w: size,
      h: size,
      lineWidth: 0.8,
      lineColor: '#5d6d74'
    })),
    margin: [0, 2, 0, 0]
  } as Content
}

/** A day's column heading in the diary: "Mon" over "30/11". */
function dayLabel(iso: string, words: Words): string {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number]
  const weekday = dateFormat(words.locale, { weekday: 'short', timeZone: 'UTC' }).format(
    Date.UTC(year, month - 1, day)
  )
  return `${weekday}\n${day}/${month}`
}

/**
 * One week of the diary: the program's exercises against seven days. The
 * compact layout names the week in the table's corner instead of above it.
 */
function diaryWeek(
  snapshot: ProgramSnapshot,
  options: HandoutOptions,
  words: Words,
  week: number
): Content[] {
  const first = snapshot.program.startDate ?? snapshot.issuedAt.slice(0, 10)
  const days = Array.from({ length: 7 }, (_, day) => addDays(first, week * 7 + day))
  const tickWidth = options.largePrint ? 40 : 34
  const rowHeight = sizes(options).diaryRow
  const compact = options.layout === 'compact'
  // in the corner, "30 Nov", never wrapped inside: the full dates took the header row to three lines
  const day = (iso: string) =>
    compact
      ? dateFormat(words.locale, { day: 'numeric', month: 'short', timeZone: 'UTC' })
          .format(Date.parse(iso))
          .replace(/ /g, '\u00a0')
      : formatDay(iso, words)
  const title = words.week(week + 1, day(days[0]!), day(days[6]!))
  const table: Content = {
    table: {
      headerRows: 1,
      widths: ['*', ...days.map(() => tickWidth)],
      heights: (row: number) => (row === 0 ? undefined : rowHeight),
      body: [
        [
          { text: compact ? title : words.exercise, bold: true },
          ...days.map((day) => ({
            text: dayLabel(day, words),
            style: 'small',
            alignment: 'center'
          }))
        ],
        ...snapshot.exercises.map((exercise, index) => [
          { text: `${index + 1}. ${exercise.name}`, margin: [0, 2, 0, 0] },
          ...days.map(() => sessionBoxes(exercise.dose, tickWidth, rowHeight))
        ])
      ]
    },
    layout: { hLineColor: () => '#9aa9af', vLineColor: () => '#9aa9af' }
  } as Content
  return compact ? [table] : [{ text: title, style: 'subheading' }, table]
}

/** One table a week: the program's exercises against seven days of tick boxes. */
function diary(snapshot: ProgramSnapshot, options: HandoutOptions, words: Words): Content[] {
  if (options.diaryWeeks === 0 || snapshot.exercises.length === 0) return []
  const compact = options.layout === 'compact'
  const weekHeight = (snapshot.exercises.length + 3) * (sizes(options).diaryRow + 4)
  const weeks: Content[] = Array.from({ length: options.diaryWeeks }, (_, week) => ({
    // a long program's week flows onto the next page, its header row repeated
    unbreakable: fitsOnAPage(weekHeight, options),
    // space above, not below: a margin after the last table can spill onto an empty page
    margin: [0, week === 0 ? 0 : compact ? 8 : 14, 0, 0],
    stack: diaryWeek(snapshot, options, words, week)
  }))
  const intro: Content = { text: words.diaryIntro, style: 'muted', margin: [0, 0, 0, 10] }
  if (!compact)
    return [{ text: words.diary, style: 'heading', pageBreak: 'before' }, intro, ...weeks]
  // compact: the diary follows on where there is room, its heading kept with the first week
  const [firstWeek, ...rest] = weeks
  return [
    {
      unbreakable: fitsOnAPage(weekHeight + 60, options),
      stack: [{ text: words.diary, style: 'heading' }, intro, firstWeek!]
    },
    ...rest
  ]
}

/** The file name a handout is saved under: patient, program, issue date. */
export function handoutFileName(snapshot: ProgramSnapshot): string {
  // at most 50 + 50 bytes of name and title: 116 before ".pdf", so Open and Print never fail on length
  return `${namePart(snapshot.patient.fullName, 50)} - ${namePart(snapshot.program.title, 50)} - ${snapshot.issuedAt.slice(0, 10)}.pdf`
}

export function buildHandout(
  frozen: ProgramSnapshot,
  requested: HandoutOptions,
  assets: HandoutAssets,
  words: Words = en,
  measure: TextMeasure = generousMeasure
): TDocumentDefinitions {
  // pdfmake rewrites the definition it lays out (list items become objects):
  // give it a copy, so the snapshot stays as issued for the next render
  const snapshot = structuredClone(frozen)
  // the layout is the snapshot's: an issued version prints as it was issued
  const options: HandoutOptions = { ...requested, layout: snapshot.layout ?? 'standard' }
  const size = sizes(options)
  const general = snapshot.advice.filter((section) => section.kind !== 'seek-help')
  const images: Record<string, string> = {}
  if (assets.logoDataUrl) images.logo = assets.logoDataUrl
  for (const [id, found] of assets.pictures) {
    if (found.kind === 'image') images[`picture-${id}`] = found.dataUrl
  }
  const clinicName = snapshot.clinic.clinicName
  return {
    pageSize: options.paper,
    pageMargins: size.pageMargins,
    info: {
      title: `${snapshot.program.title} — ${snapshot.patient.fullName}`,
      author: clinicName || 'PhysioPlan',
      subject: words.documentTitle,
      creator: 'PhysioPlan',
      producer: 'PhysioPlan',
      // the issue date, so printing the same version again gives the same bytes
      creationDate: new Date(snapshot.issuedAt)
    },
    defaultStyle: { font: 'NotoSans', fontSize: size.body, lineHeight: size.lineHeight },
    styles: {
      clinic: { fontSize: size.subheading, bold: true },
      kicker: { fontSize: size.small, bold: true, color: accent, characterSpacing: 1 },
      title: { fontSize: size.heading, bold: true },
      heading: { fontSize: size.heading, bold: true, margin: size.headingMargin },
      subheading: { fontSize: size.subheading, bold: true, margin: [0, 0, 0, 4] },
      exercise: { fontSize: size.subheading, bold: true, margin: [0, 0, 0, 6] },
      phase: { fontSize: size.subheading, bold: true, color: accent, margin: [0, 4, 0, 8] },
      muted: { color: faint },
      small: { fontSize: size.small }
    },
    images,
    content: [
      ...header(snapshot, options, assets, words),
      ...urgentNotice(snapshot, words),
      ...exercisesByPhase(snapshot, options, assets, words),
      ...walkRunSection(snapshot.walkRun ?? null, options, words),
      ...adviceSections(general, options, words),
      seekHelpBox(snapshot, words),
      ...diary(snapshot, options, words)
    ],
    footer: footer(clinicName, words, size.small - 1, textWidth[options.paper], measure)
  }
}
