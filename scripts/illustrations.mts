/**
 * Draws the built-in exercise illustrations: stick figures from joint
 * positions, one line style for all, written to resources/illustrations/.
 * Run with `npm run illustrations` after changing a pose; the SVGs are
 * committed. Coordinates: a 200 × 140 box, floor at y = 128.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { runningIllustrations } from './illustrations-running.mts'

export type Point = [number, number]

/** `foot` is the end of the shin (the ankle when a `toe` draws the foot) */
interface Limbs {
  elbow: Point
  hand: Point
  knee: Point
  foot: Point
  toe?: Point
}

export interface Pose {
  head: Point
  neck: Point
  hip: Point
  /** a control point bending the back (cat-camel) */
  spine?: Point
  near: Limbs
  far: Limbs
  props?: ('mat' | 'wall' | 'step')[]
  /** curved arrows showing the movement: from, control, to */
  arrows?: [Point, Point, Point][]
  /** more props in the drawing subset (src/main/handout/drawing.ts): behind the figure, in front */
  behind?: string
  front?: string
}

const ink = '#1d2a30'
const faint = '#9aa9af'
const accent = '#0f6e6a'

const line = (a: Point, b: Point, color: string, width: number) =>
  `<line x1="${a[0]}" y1="${a[1]}" x2="${b[0]}" y2="${b[1]}" stroke="${color}" stroke-width="${width}" stroke-linecap="round"/>`

function limbs(side: Pose['near'], pose: Pose, color: string): string {
  return [
    line(pose.neck, side.elbow, color, 6),
    line(side.elbow, side.hand, color, 6),
    line(pose.hip, side.knee, color, 7),
    line(side.knee, side.foot, color, 7),
    side.toe ? line(side.foot, side.toe, color, 6) : ''
  ].join('')
}

function props(pose: Pose): string {
  return (pose.props ?? [])
    .map((prop) => {
      if (prop === 'mat')
        return `<rect x="8" y="128" width="184" height="5" rx="2" fill="#dfe7e9"/>`
      if (prop === 'wall') return `<rect x="14" y="10" width="8" height="118" fill="#dfe7e9"/>`
      return `<rect x="135" y="100" width="50" height="28" rx="2" fill="#dfe7e9"/>`
    })
    .join('')
}

function arrows(pose: Pose): string {
  return (pose.arrows ?? [])
    .map(([from, control, to]) => {
      const angle = Math.atan2(to[1] - control[1], to[0] - control[0])
      const tip = (turn: number): Point => [
        Math.round((to[0] - 7 * Math.cos(angle + turn)) * 10) / 10,
        Math.round((to[1] - 7 * Math.sin(angle + turn)) * 10) / 10
      ]
      const [left, right] = [tip(0.5), tip(-0.5)]
      return (
        `<path d="M${from[0]} ${from[1]} Q${control[0]} ${control[1]} ${to[0]} ${to[1]}" fill="none" stroke="${accent}" stroke-width="2.5" stroke-dasharray="5 4"/>` +
        `<path d="M${left[0]} ${left[1]} L${to[0]} ${to[1]} L${right[0]} ${right[1]}" fill="none" stroke="${accent}" stroke-width="2.5" stroke-linejoin="round"/>`
      )
    })
    .join('')
}

export function drawPose(pose: Pose): string {
  const torso = pose.spine
    ? `<path d="M${pose.neck[0]} ${pose.neck[1]} Q${pose.spine[0]} ${pose.spine[1]} ${pose.hip[0]} ${pose.hip[1]}" fill="none" stroke="${ink}" stroke-width="8" stroke-linecap="round"/>`
    : line(pose.neck, pose.hip, ink, 8)
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 140" width="200" height="140">`,
    `<line x1="4" y1="128" x2="196" y2="128" stroke="#c5d0d3" stroke-width="2"/>`,
    props(pose),
    pose.behind ?? '',
    limbs(pose.far, pose, faint),
    torso,
    line(pose.neck, pose.head, ink, 6),
    `<circle cx="${pose.head[0]}" cy="${pose.head[1]}" r="9" fill="${ink}"/>`,
    limbs(pose.near, pose, ink),
    pose.front ?? '',
    arrows(pose),
    `</svg>`
  ].join('')
}

// Shared starting positions.
const onAllFours: Pose = {
  head: [58, 74],
  neck: [74, 82],
  hip: [130, 82],
  near: { elbow: [74, 105], hand: [74, 127], knee: [130, 126], foot: [168, 127] },
  far: { elbow: [80, 105], hand: [80, 127], knee: [136, 126], foot: [174, 127] },
  props: ['mat']
}

const lyingKneesBent: Pose = {
  head: [30, 116],
  neck: [46, 120],
  hip: [104, 120],
  near: { elbow: [72, 124], hand: [94, 125], knee: [130, 96], foot: [150, 126] },
  far: { elbow: [74, 124], hand: [96, 125], knee: [134, 98], foot: [154, 126] },
  props: ['mat']
}

const standing: Pose = {
  head: [100, 24],
  neck: [100, 40],
  hip: [100, 84],
  near: { elbow: [104, 62], hand: [106, 82], knee: [102, 106], foot: [104, 127] },
  far: { elbow: [96, 62], hand: [94, 82], knee: [98, 106], foot: [96, 127] }
}

const with_ = (
  base: Pose,
  change: Omit<Partial<Pose>, 'near' | 'far'> & {
    near?: Partial<Pose['near']>
    far?: Partial<Pose['far']>
  }
): Pose => ({
  ...base,
  ...change,
  near: { ...base.near, ...change.near },
  far: { ...base.far, ...change.far }
})

/** Each built-in exercise: one picture, or start and end where the movement needs two. */
export const illustrations: Record<string, Pose[]> = {
  'cat-camel': [
    with_(onAllFours, {
      spine: [102, 58],
      head: [62, 98],
      arrows: [
        [
          [100, 40],
          [110, 30],
          [120, 40]
        ]
      ]
    }),
    with_(onAllFours, {
      spine: [102, 102],
      head: [58, 66],
      arrows: [
        [
          [100, 80],
          [110, 90],
          [120, 80]
        ]
      ]
    })
  ],
  'knee-to-chest': [
    lyingKneesBent,
    with_(lyingKneesBent, {
      near: { knee: [84, 90], foot: [106, 98], elbow: [66, 104], hand: [84, 92] },
      arrows: [
        [
          [128, 88],
          [112, 70],
          [94, 80]
        ]
      ]
    })
  ],
  plank: [
    {
      head: [46, 80],
      neck: [62, 86],
      hip: [120, 104],
      near: { elbow: [62, 106], hand: [62, 127], knee: [148, 114], foot: [176, 124] },
      far: { elbow: [68, 106], hand: [68, 127], knee: [152, 115], foot: [180, 125] },
      props: ['mat']
    }
  ],
  'bird-dog': [
    onAllFours,
    with_(onAllFours, {
      near: { elbow: [50, 78], hand: [26, 74] },
      far: { knee: [158, 84], foot: [188, 82] }
    })
  ],
  superman: [
    {
      head: [42, 118],
      neck: [58, 122],
      hip: [110, 122],
      near: { elbow: [36, 124], hand: [14, 124], knee: [142, 124], foot: [176, 124] },
      far: { elbow: [38, 125], hand: [16, 125], knee: [144, 125], foot: [178, 125] },
      props: ['mat']
    },
    {
      head: [44, 104],
      neck: [60, 112],
      hip: [110, 122],
      near: { elbow: [38, 106], hand: [16, 98], knee: [142, 118], foot: [174, 108] },
      far: { elbow: [40, 108], hand: [18, 100], knee: [144, 119], foot: [176, 110] },
      props: ['mat'],
      arrows: [
        [
          [30, 88],
          [40, 78],
          [52, 86]
        ]
      ]
    }
  ],
  'glute-bridge': [
    lyingKneesBent,
    with_(lyingKneesBent, {
      hip: [108, 96],
      near: { knee: [134, 86] },
      far: { knee: [138, 88] },
      arrows: [
        [
          [108, 118],
          [96, 106],
          [104, 84]
        ]
      ]
    })
  ],
  'childs-pose': [
    {
      head: [58, 116],
      neck: [74, 116],
      hip: [128, 104],
      near: { elbow: [50, 124], hand: [26, 126], knee: [104, 126], foot: [140, 127] },
      far: { elbow: [52, 125], hand: [28, 127], knee: [108, 126], foot: [144, 127] },
      props: ['mat']
    }
  ],
  'pigeon-pose': [
    {
      head: [58, 82],
      neck: [70, 92],
      hip: [102, 114],
      near: { elbow: [62, 110], hand: [58, 127], knee: [72, 124], foot: [98, 126] },
      far: { elbow: [66, 110], hand: [64, 127], knee: [140, 125], foot: [182, 126] },
      props: ['mat']
    }
  ],
  'hamstring-stretch': [
    {
      head: [114, 38],
      neck: [104, 48],
      hip: [78, 76],
      near: { elbow: [114, 66], hand: [122, 84], knee: [108, 86], foot: [142, 98] },
      far: { elbow: [110, 68], hand: [118, 86], knee: [76, 102], foot: [74, 127] },
      props: ['step']
    }
  ],
  'pelvic-tilt': [
    with_(lyingKneesBent, {
      arrows: [
        [
          [112, 104],
          [100, 96],
          [92, 106]
        ]
      ]
    })
  ],
  'lying-knee-twist': [
    lyingKneesBent,
    with_(lyingKneesBent, {
      near: { knee: [138, 112], foot: [152, 127] },
      far: { knee: [140, 114], foot: [156, 127] },
      arrows: [
        [
          [142, 80],
          [160, 86],
          [156, 102]
        ]
      ]
    })
  ],
  'leg-swings': [
    with_(standing, {
      near: { elbow: [66, 58], hand: [24, 56], knee: [126, 100], foot: [144, 112] },
      props: ['wall'],
      arrows: [
        [
          [150, 90],
          [156, 74],
          [144, 64]
        ]
      ]
    }),
    with_(standing, {
      near: { elbow: [66, 58], hand: [24, 56], knee: [84, 104], foot: [66, 116] },
      props: ['wall'],
      arrows: [
        [
          [60, 96],
          [50, 84],
          [60, 72]
        ]
      ]
    })
  ],
  'arm-circles': [
    {
      head: [100, 22],
      neck: [100, 38],
      hip: [100, 84],
      near: { elbow: [74, 38], hand: [48, 38], knee: [92, 106], foot: [88, 127] },
      far: { elbow: [126, 38], hand: [152, 38], knee: [108, 106], foot: [112, 127] },
      arrows: [
        [
          [34, 50],
          [30, 24],
          [52, 22]
        ],
        [
          [166, 50],
          [170, 24],
          [148, 22]
        ]
      ]
    }
  ],
  'walking-lunges': [
    {
      head: [100, 22],
      neck: [100, 38],
      hip: [100, 82],
      near: { elbow: [90, 60], hand: [100, 78], knee: [132, 98], foot: [136, 127] },
      far: { elbow: [110, 60], hand: [102, 80], knee: [84, 120], foot: [56, 126] }
    }
  ],
  'cool-down-walk-jog': [
    {
      head: [104, 22],
      neck: [102, 38],
      hip: [98, 82],
      near: { elbow: [116, 58], hand: [128, 72], knee: [116, 104], foot: [124, 127] },
      far: { elbow: [88, 60], hand: [80, 76], knee: [88, 106], foot: [70, 124] },
      arrows: [
        [
          [140, 112],
          [160, 108],
          [180, 112]
        ]
      ]
    }
  ],
  ...runningIllustrations
}

/** File names for an exercise's pictures: key.svg, or key-start.svg and key-end.svg. */
export function illustrationFiles(key: string): string[] {
  const poses = illustrations[key] ?? []
  return poses.length === 1 ? [`${key}.svg`] : [`${key}-start.svg`, `${key}-end.svg`]
}

if (process.argv[1]?.endsWith('illustrations.mts')) {
  const dir = join('resources', 'illustrations')
  mkdirSync(dir, { recursive: true })
  for (const [key, poses] of Object.entries(illustrations)) {
    illustrationFiles(key).forEach((file, index) => {
      writeFileSync(join(dir, file), `${drawPose(poses[index]!)}\n`)
    })
  }
  console.log(`Wrote ${Object.keys(illustrations).length} exercises' illustrations to ${dir}`)
}
