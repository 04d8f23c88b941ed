/**
 * Draws the built-in exercise illustrations: stick figures from joint
 * positions, one line style for all, written to resources/illustrations/.
 * Run with `npm run illustrations` after changing a pose; the SVGs are
 * committed. Coordinates: a 200 × 140 box, floor at y = 128 in side views.
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
  /** dashed outlines of where a part was before the movement, as polylines */
  ghosts?: Point[][]
  /** more props in the drawing subset (src/main/core/handout/drawing.ts): behind the figure, in front */
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
      // a wall seen face on, behind the figure
      if (prop === 'wall') return `<rect x="30" y="12" width="92" height="116" fill="#dfe7e9"/>`
      return `<rect x="135" y="100" width="50" height="28" rx="2" fill="#dfe7e9"/>`
    })
    .join('')
}

function ghosts(pose: Pose): string {
  return (pose.ghosts ?? [])
    .map(
      (points) =>
        `<path d="${points.map(([x, y], index) => `${index ? 'L' : 'M'}${x} ${y}`).join(' ')}" fill="none" stroke="${faint}" stroke-width="3" stroke-dasharray="4 4" stroke-linecap="round" stroke-linejoin="round"/>`
    )
    .join('')
}

function arrows(pose: Pick<Pose, 'arrows'>): string {
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
    ghosts(pose),
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

/**
 * Someone lying on their back seen from above, head to the left: for a
 * twist, where a side view can't show the knees falling sideways.
 */
interface TopPose {
  view: 'above'
  head: Point
  /** across the body; the arms lie straight out from the shoulders */
  shoulders: [Point, Point]
  hands: [Point, Point]
  /** the leg underneath once the knees are down is drawn faint, like a far limb */
  under: { hip: Point; knee: Point; foot: Point }
  over: { hip: Point; knee: Point; foot: Point }
  /** bent knees pointing up at the viewer: both legs in full, knees marked */
  kneesUp?: boolean
  arrows?: Pose['arrows']
}

const middle = (a: Point, b: Point): Point => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2]

export function drawFromAbove(pose: TopPose): string {
  const [far, near] = pose.shoulders
  const neck = middle(far, near)
  const leg = ({ hip, knee, foot }: TopPose['over'], color: string) =>
    line(hip, knee, color, 7) +
    line(knee, foot, color, 7) +
    // the foot flat on the mat, toes away from the body
    line(foot, [foot[0] + 8, foot[1]], color, 6) +
    (pose.kneesUp ? `<circle cx="${knee[0]}" cy="${knee[1]}" r="6" fill="${color}"/>` : '')
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 140" width="200" height="140">`,
    `<rect x="6" y="6" width="188" height="128" rx="6" fill="#dfe7e9"/>`,
    line(far, pose.hands[0], ink, 6),
    line(near, pose.hands[1], ink, 6),
    line(far, near, ink, 8),
    line(neck, middle(pose.under.hip, pose.over.hip), ink, 8),
    line(pose.under.hip, pose.over.hip, ink, 8),
    leg(pose.under, pose.kneesUp ? ink : faint),
    leg(pose.over, ink),
    line(neck, pose.head, ink, 6),
    `<circle cx="${pose.head[0]}" cy="${pose.head[1]}" r="9" fill="${ink}"/>`,
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

// lying on the back seen from above, arms out to the sides in a T
const lyingFromAbove = {
  view: 'above',
  head: [36, 70],
  shoulders: [
    [56, 57],
    [56, 83]
  ],
  hands: [
    [56, 16],
    [56, 124]
  ]
} as const satisfies Partial<TopPose>

// facing right with the wall behind: the inside (far) hand holds its edge
const sideOnToWall = with_(standing, {
  head: [103, 24],
  near: { elbow: [100, 62], hand: [104, 82] },
  far: { elbow: [110, 52], hand: [120, 58] },
  props: ['wall']
})

/** Each built-in exercise: one picture, or start and end where the movement needs two. */
export const illustrations: Record<string, (Pose | TopPose)[]> = {
  'cat-camel': [
    // cat: the back rounded up into a hump, head tucked down between the arms
    with_(onAllFours, {
      neck: [74, 86],
      spine: [102, 44],
      head: [64, 102],
      arrows: [
        [
          [102, 56],
          [98, 45],
          [102, 32]
        ]
      ]
    }),
    // camel: the back sagging toward the floor, chest and head lifted
    with_(onAllFours, {
      neck: [74, 78],
      spine: [102, 116],
      head: [58, 62],
      arrows: [
        [
          [102, 58],
          [106, 68],
          [102, 82]
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
  // sitting back on the heels, the back rounded over the thighs, forehead to the mat
  'childs-pose': [
    {
      head: [64, 118],
      neck: [80, 115],
      spine: [108, 95],
      hip: [137, 115],
      near: { elbow: [54, 125], hand: [26, 126], knee: [100, 125], foot: [140, 127] },
      far: { elbow: [56, 126], hand: [28, 127], knee: [104, 126], foot: [144, 127] },
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
  // the lower back pressed flat where it used to curve up (dashed), the pelvis rocking under
  'pelvic-tilt': [
    with_(lyingKneesBent, {
      ghosts: [
        [
          [54, 119],
          [64, 109],
          [82, 105],
          [100, 114]
        ]
      ],
      arrows: [
        [
          [78, 84],
          [82, 94],
          [78, 106]
        ],
        [
          [114, 106],
          [108, 94],
          [96, 100]
        ]
      ]
    })
  ],
  // from above: knees bent together and pointing up, then both fallen to one side
  // with the shoulders and arms flat on the mat
  'lying-knee-twist': [
    {
      ...lyingFromAbove,
      kneesUp: true,
      under: { hip: [112, 77], knee: [136, 75], foot: [156, 81] },
      over: { hip: [112, 63], knee: [136, 65], foot: [156, 59] }
    },
    {
      ...lyingFromAbove,
      // the pelvis turns with the knees, so the hips look closer together
      under: { hip: [112, 74], knee: [132, 110], foot: [156, 88] },
      over: { hip: [112, 66], knee: [136, 102], foot: [158, 78] },
      arrows: [
        [
          [140, 50],
          [194, 70],
          [154, 116]
        ]
      ]
    }
  ],
  // the outside (near) leg swinging forward, then back
  'leg-swings': [
    with_(sideOnToWall, {
      near: { knee: [122, 100], foot: [142, 114] },
      arrows: [
        [
          [120, 124],
          [150, 128],
          [160, 102]
        ]
      ]
    }),
    with_(sideOnToWall, {
      near: { knee: [80, 102], foot: [62, 116] },
      arrows: [
        [
          [80, 124],
          [50, 128],
          [42, 104]
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
  // half kneeling, facing right: the back (near) knee on the mat, the front foot
  // flat with the knee at a right angle, hands on the hips, the hips shifting forward
  'hip-flexor-stretch': [
    {
      head: [104, 42],
      neck: [102, 58],
      hip: [100, 102],
      near: { elbow: [88, 80], hand: [98, 96], knee: [86, 125], foot: [58, 127] },
      far: { elbow: [92, 80], hand: [102, 96], knee: [130, 104], foot: [130, 127] },
      props: ['mat'],
      arrows: [
        [
          [108, 86],
          [122, 80],
          [136, 88]
        ]
      ]
    }
  ],
  'cool-down-walk-jog': [
    {
      head: [104, 22],
      neck: [102, 38],
      hip: [98, 82],
      // each arm swings with the opposite leg
      near: { elbow: [88, 60], hand: [80, 76], knee: [116, 104], foot: [124, 127] },
      far: { elbow: [116, 58], hand: [128, 72], knee: [88, 106], foot: [70, 124] },
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
      const pose = poses[index]!
      writeFileSync(join(dir, file), `${'view' in pose ? drawFromAbove(pose) : drawPose(pose)}\n`)
    })
  }
  console.log(`Wrote ${Object.keys(illustrations).length} exercises' illustrations to ${dir}`)
}
