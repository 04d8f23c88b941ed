/**
 * The running-clinic exercises' poses (src/main/core/seed/exercises-running.ts),
 * drawn by scripts/illustrations.mts in the same line style. Figures are
 * posed by joint angles and reach targets rather than by hand-placed joints,
 * so limbs keep their lengths from one picture to the next. Props use only
 * the shapes the handout draws (src/main/core/handout/drawing.ts).
 */
import type { Point, Pose } from './illustration-pose.mts'

/** a limb by its two angles (degrees, 0 = right, 90 = down), or reaching for a point */
type Limb = [number, number] | { to: Point; bend?: 1 | -1 }

interface Body {
  hip: Point
  /** hip to neck; -90 is upright */
  trunk: number
  /** neck to head, when the head is not in line with the trunk */
  head?: number
  nearArm: Limb
  farArm: Limb
  nearLeg: Limb
  farLeg: Limb
  /** the foot's angle, ankle to toe, for exercises where the foot matters */
  nearToe?: number
  farToe?: number
  scale?: number
}

const lengths = { torso: 36, head: 14, upperArm: 19, forearm: 17, thigh: 29, shin: 28, foot: 15 }

const round = (value: number) => Math.round(value * 10) / 10
const toward = (from: Point, degrees: number, length: number): Point => {
  const angle = (degrees * Math.PI) / 180
  return [round(from[0] + length * Math.cos(angle)), round(from[1] + length * Math.sin(angle))]
}

/** The middle joint of a two-part limb from `root` toward `limb.to` (the end stops short if too far). */
function reach(root: Point, limb: Limb, upper: number, lower: number, bend: 1 | -1): Point[] {
  if (Array.isArray(limb)) {
    const middle = toward(root, limb[0], upper)
    return [middle, toward(middle, limb[1], lower)]
  }
  const [dx, dy] = [limb.to[0] - root[0], limb.to[1] - root[1]]
  const distance = Math.min(Math.hypot(dx, dy), upper + lower - 0.01)
  const base = (Math.atan2(dy, dx) * 180) / Math.PI
  const cosine = (upper ** 2 + distance ** 2 - lower ** 2) / (2 * upper * distance)
  const turn = (Math.acos(Math.max(-1, Math.min(1, cosine))) * 180) / Math.PI
  const middle = toward(root, base + (limb.bend ?? bend) * turn, upper)
  const end = Math.atan2(limb.to[1] - middle[1], limb.to[0] - middle[0])
  return [middle, toward(middle, (end * 180) / Math.PI, lower)]
}

/** A pose from a body: knees bend forward and elbows back for a figure facing right. */
function figure(body: Body, extra: Partial<Pose> = {}): Pose {
  const scale = body.scale ?? 1
  const size = (part: keyof typeof lengths) => lengths[part] * scale
  const neck = toward(body.hip, body.trunk, size('torso'))
  const side = (arm: Limb, leg: Limb, toe: number | undefined) => {
    const [elbow, hand] = reach(neck, arm, size('upperArm'), size('forearm'), 1)
    const [knee, foot] = reach(body.hip, leg, size('thigh'), size('shin'), -1)
    return {
      elbow: elbow!,
      hand: hand!,
      knee: knee!,
      foot: foot!,
      ...(toe === undefined ? {} : { toe: toward(foot!, toe, size('foot')) })
    }
  }
  const near = side(body.nearArm, body.nearLeg, body.nearToe)
  const far = side(body.farArm, body.farLeg, body.farToe)
  // a drawn foot gets a heel too, so a raised heel shows
  const heel = (limb: typeof near, toe: number | undefined, colour: string) =>
    toe === undefined ? '' : bar(limb.foot, toward(limb.foot, toe + 100, 6 * scale), colour, 6)
  return {
    head: toward(neck, body.head ?? body.trunk, size('head')),
    neck,
    hip: body.hip,
    near,
    far,
    ...extra,
    behind: (extra.behind ?? '') + heel(far, body.farToe, faint),
    front: heel(near, body.nearToe, ink) + (extra.front ?? '')
  }
}

/** A pose with extra props worked out from where its joints ended up. */
function dressed(pose: Pose, add: (pose: Pose) => Partial<Pose>): Pose {
  const added = add(pose)
  const join = (part: 'behind' | 'front') => (pose[part] ?? '') + (added[part] ?? '')
  return { ...pose, ...added, behind: join('behind'), front: join('front') }
}

// Props, in the drawing subset.
const propFill = '#dfe7e9'
const propLine = '#b3c2c6'
const bandColour = '#d9822b'
const towelColour = '#7fbcb6'
/** the figure's near and far colours, as scripts/illustrations.mts draws them */
const ink = '#1d2a30'
const faint = '#9aa9af'
const rect = (x: number, y: number, width: number, height: number, fill = propFill, rx = 2) =>
  `<rect x="${round(x)}" y="${round(y)}" width="${round(width)}" height="${round(height)}" rx="${rx}" fill="${fill}"/>`
const bar = (from: Point, to: Point, colour = propLine, width = 4) =>
  `<line x1="${from[0]}" y1="${from[1]}" x2="${to[0]}" y2="${to[1]}" stroke="${colour}" stroke-width="${width}" stroke-linecap="round"/>`
/** a step, box or bench standing on the floor */
const block = (x: number, width: number, height: number) => rect(x, 128 - height, width, height)
const wallAt = (x: number) => rect(x, 10, 8, 118)
/** a chair seen from the side, its back on the left or right */
const chair = (x: number, back: 'left' | 'right', seat = 92) => {
  const backX = back === 'left' ? x + 2 : x + 38
  return (
    bar([x + 4, seat + 4], [x + 4, 127]) +
    bar([x + 36, seat + 4], [x + 36, 127]) +
    bar([backX, seat], [backX, seat - 40]) +
    rect(x, seat, 40, 6, propLine)
  )
}
const band = (...points: Point[]) =>
  `<path d="${points.map((point, index) => `${index ? 'L' : 'M'}${point[0]} ${point[1]}`).join(' ')}" fill="none" stroke="${bandColour}" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/>`
const ball = (centre: Point, radius = 8) =>
  `<circle cx="${centre[0]}" cy="${centre[1]}" r="${radius}" fill="${bandColour}"/>`
const dumbbell = (centre: Point) =>
  bar([centre[0] - 8, centre[1]], [centre[0] + 8, centre[1]], ink, 3) +
  rect(centre[0] - 10, centre[1] - 6, 5, 12, ink, 1) +
  rect(centre[0] + 5, centre[1] - 6, 5, 12, ink, 1)
/** a weight cuff around the ankle */
const cuff = (at: Point) => rect(at[0] - 6, at[1] - 5, 12, 10, bandColour, 3)
const towelRoll = (centre: Point, radius = 4.5) =>
  `<circle cx="${centre[0]}" cy="${centre[1]}" r="${radius}" fill="${towelColour}"/>`
const towel = (x: number, width: number) => rect(x, 124, width, 4, towelColour, 1)
/** a balance cushion or folded pillow */
const cushion = (x: number, width: number) => rect(x, 117, width, 11, '#b9d8d5', 5)

/** a curved arrow from one point to another, bulging `bend` to its left */
function arc(from: Point, to: Point, bend: number): [Point, Point, Point] {
  const [dx, dy] = [to[0] - from[0], to[1] - from[1]]
  const length = Math.hypot(dx, dy) || 1
  const control: Point = [
    round((from[0] + to[0]) / 2 + (dy / length) * bend),
    round((from[1] + to[1]) / 2 - (dx / length) * bend)
  ]
  return [from, control, to]
}

/**
 * A foot by the point it rests on (the ball, at the step's edge or on the
 * floor) and its angle: where the shin must reach, and the toe's angle.
 */
function footOn(ball: Point, angle: number, scale = 1): { leg: Limb; toe: number } {
  const ankle = toward(ball, angle + 180, lengths.foot * scale * 0.6)
  return { leg: { to: ankle }, toe: angle }
}

// Shared bodies, facing right.
const standing = (x: number, change: Partial<Body> = {}): Body => ({
  hip: [x, 70],
  trunk: -90,
  nearArm: [96, 84],
  farArm: [84, 96],
  nearLeg: { to: [x + 3, 127] },
  farLeg: { to: [x - 3, 127] },
  ...change
})
const lyingBack = (change: Partial<Body> = {}): Body => ({
  hip: [108, 120],
  trunk: 180,
  head: 182,
  // the arms almost straight by the sides, so the elbows stay on the mat
  nearArm: { to: [106, 125], bend: -1 },
  farArm: { to: [108, 125], bend: -1 },
  nearLeg: { to: [164, 124] },
  farLeg: { to: [166, 125] },
  ...change
})
const kneesBent: Partial<Body> = { nearLeg: { to: [146, 126] }, farLeg: { to: [150, 126] } }
/** sitting on a chair whose seat is at the left, feet flat */
const seated = (change: Partial<Body> = {}): Body => ({
  hip: [62, 88],
  trunk: -90,
  nearArm: { to: [86, 86] },
  farArm: { to: [82, 88] },
  nearLeg: footOn([96, 125], 20).leg,
  farLeg: footOn([92, 125], 20).leg,
  nearToe: 20,
  farToe: 20,
  ...change
})
const seatedChair = chair(34, 'left')
const mat = { props: ['mat'] as Pose['props'] }
/** lying on the side, the bottom knee bent forward for balance */
const bottomKnee: Limb = { to: [162, 116], bend: 1 }

/**
 * A heel raise at the wall: the near foot on `ball` at `angle`, the far foot
 * lifted behind, hands on the wall; `crouch` bends the knee that much.
 */
function atWall(
  ball: Point,
  angle: number,
  options: { scale?: number; crouch?: number } = {}
): Body {
  const { scale = 1, crouch = 0 } = options
  const foot = footOn(ball, angle, scale)
  const ankle = (foot.leg as { to: Point }).to
  const hip: Point = [
    ankle[0] - 3 - crouch / 2,
    ankle[1] - (lengths.thigh + lengths.shin) * scale + 1 + crouch
  ]
  return {
    hip,
    trunk: -90 + crouch / 2,
    nearArm: { to: [140, hip[1] - 18] },
    farArm: { to: [140, hip[1] - 22] },
    nearLeg: foot.leg,
    farLeg: [100, 200],
    nearToe: foot.toe,
    scale
  }
}
/** both feet on their balls at `angle`, as for a two-legged heel raise */
const bothFeet = (body: Body, farBall: Point, angle: number): Body => ({
  ...body,
  farLeg: footOn(farBall, angle, body.scale).leg,
  farToe: angle
})
const wallRight = wallAt(140)

/** the ball of the foot on the back edge of a step by the wall */
const edge: Point = [112, 108.5]
const onStep = { scale: 0.85 }
const stepAtWall = block(110, 30, 18) + wallRight
const heelUp = (from: Point) => arc(from, [from[0], from[1] - 20], 2)
const heelDown = (from: Point) => arc(from, [from[0], from[1] + 20], -2)
const withWeight = (body: Body): Body => ({ ...body, nearArm: [62, 70] })
/** both feet on the step's edge at `angle`, knees straight */
const onBoth = (angle: number) =>
  bothFeet(atWall(edge, angle, onStep), [edge[0] - 3, edge[1]], angle)
/** a dumbbell hanging from the near hand at full stretch, below the hip */
const hanging = (pose: Pose): Pose => {
  const grip = toward(pose.near.hand, 76, 9)
  return { ...pose, front: (pose.front ?? '') + bar(pose.near.hand, grip, ink, 6) + dumbbell(grip) }
}
const ankleHold =
  rect(24, 104, 40, 9, propLine) + bar([28, 112], [28, 127]) + bar([60, 112], [60, 127])
/** strips of tape on the floor, for the reach directions */
const starTape = rect(40, 126, 130, 3, bandColour, 1)
const hopLine = rect(96, 124, 8, 4, bandColour, 1)
export const runningIllustrations: Record<string, Pose[]> = {
  // Knee
  'wall-sit': [
    figure(
      {
        hip: [31, 99],
        trunk: -90,
        nearArm: { to: [58, 97] },
        farArm: { to: [54, 98] },
        nearLeg: { to: [62, 127] },
        farLeg: { to: [58, 127] }
      },
      { behind: wallAt(14) }
    )
  ],
  'spanish-squat': [
    dressed(
      figure({
        hip: [70, 96],
        trunk: -78,
        nearArm: [-8, -8],
        farArm: [-4, -4],
        nearLeg: { to: [100, 127] },
        farLeg: { to: [96, 127] }
      }),
      (pose) => ({
        behind: rect(174, 30, 10, 98),
        front:
          band([174, 94], [pose.near.knee[0] - 5, pose.near.knee[1] - 3]) +
          band([174, 100], [pose.near.knee[0] - 5, pose.near.knee[1] + 4])
      })
    )
  ],
  'step-up': [
    figure(
      standing(78, {
        hip: [78, 76],
        trunk: -86,
        farLeg: { to: [76, 127] },
        nearLeg: { to: [104, 113] },
        scale: 0.9
      }),
      { behind: block(92, 60, 14) }
    ),
    figure(
      standing(110, {
        hip: [110, 62],
        nearLeg: { to: [112, 113] },
        farLeg: { to: [94, 104] },
        scale: 0.9
      }),
      { behind: block(92, 60, 14), arrows: [arc([66, 100], [90, 70], -10)] }
    )
  ],
  'step-up-knee-drive': [
    figure(
      standing(110, {
        hip: [110, 62],
        nearLeg: [-5, 92],
        farLeg: { to: [112, 113] },
        nearArm: [110, 80],
        farArm: [70, -30],
        scale: 0.9
      }),
      { behind: block(92, 60, 14), arrows: [arc([146, 92], [146, 62], 10)] }
    )
  ],
  'forward-step-down': [
    figure(
      standing(90, {
        hip: [90, 62],
        nearLeg: { to: [92, 113] },
        farLeg: { to: [116, 106] },
        nearArm: [20, 0],
        farArm: [15, 0],
        scale: 0.9
      }),
      { behind: block(40, 70, 14) }
    ),
    figure(
      standing(92, {
        hip: [92, 80],
        trunk: -78,
        nearLeg: { to: [92, 113] },
        farLeg: { to: [114, 127] },
        nearArm: [20, 0],
        farArm: [15, 0],
        scale: 0.9
      }),
      { behind: block(40, 70, 14), arrows: [arc([140, 96], [140, 122], -8)] }
    )
  ],
  'single-leg-squat': [
    figure(
      standing(100, {
        nearLeg: { to: [102, 127] },
        farLeg: [55, 95],
        nearArm: [5, 0],
        farArm: [0, -5]
      })
    ),
    figure(
      standing(88, {
        hip: [88, 94],
        trunk: -62,
        nearLeg: { to: [102, 127] },
        // the free foot held clear of the floor, a little forward
        farLeg: [8, 42],
        nearArm: [-5, -5],
        farArm: [-10, -10]
      }),
      { arrows: [arc([60, 70], [60, 100], -8)] }
    )
  ],
  'split-squat': [
    figure(
      standing(100, { hip: [100, 78], nearLeg: { to: [124, 127] }, farLeg: { to: [74, 127] } })
    ),
    figure(
      standing(98, { hip: [98, 97], nearLeg: { to: [124, 127] }, farLeg: { to: [74, 127] } }),
      { arrows: [arc([150, 70], [150, 100], -8)] }
    )
  ],
  'rear-foot-elevated-split-squat': [
    figure(standing(90, { hip: [90, 75], nearLeg: { to: [118, 127] }, farLeg: { to: [50, 99] } }), {
      behind: block(16, 44, 26)
    }),
    figure(standing(88, { hip: [88, 95], nearLeg: { to: [118, 127] }, farLeg: { to: [50, 99] } }), {
      behind: block(16, 44, 26),
      arrows: [arc([150, 70], [150, 100], -8)]
    })
  ],
  squat: [
    figure(standing(100, { nearArm: [0, 0], farArm: [-5, -5] })),
    figure(
      standing(84, {
        hip: [84, 100],
        trunk: -55,
        nearLeg: { to: [104, 127] },
        farLeg: { to: [100, 127] },
        nearArm: [-5, -5],
        farArm: [-10, -10]
      }),
      { arrows: [arc([50, 70], [50, 100], -8)] }
    )
  ],
  'sit-to-stand': [
    figure(
      seated({
        trunk: -70,
        nearArm: [40, -40],
        farArm: [35, -45],
        nearLeg: { to: [92, 127] },
        farLeg: { to: [88, 127] },
        nearToe: undefined,
        farToe: undefined
      }),
      { behind: seatedChair }
    ),
    figure(standing(94, { nearArm: [40, -40], farArm: [35, -45] }), {
      behind: seatedChair,
      arrows: [arc([130, 100], [130, 60], 10)]
    })
  ],
  'straight-leg-raise': [
    figure(lyingBack({ farLeg: { to: [146, 126] } }), mat),
    figure(lyingBack({ farLeg: { to: [146, 126] }, nearLeg: [-32, -32] }), {
      ...mat,
      arrows: [arc([174, 118], [160, 84], 12)]
    })
  ],
  'seated-knee-extension': [
    dressed(
      figure(seated({ nearLeg: footOn([100, 125], 20).leg }), { behind: seatedChair }),
      (pose) => ({
        front: cuff(pose.near.foot)
      })
    ),
    dressed(
      figure(seated({ nearLeg: [2, 0], nearToe: -70 }), {
        behind: seatedChair,
        arrows: [arc([112, 112], [140, 92], 10)]
      }),
      (pose) => ({ front: cuff(pose.near.foot) })
    )
  ],
  'quad-set': [
    dressed(
      figure(
        {
          hip: [70, 121],
          trunk: -75,
          nearArm: { to: [56, 126] },
          farArm: { to: [58, 126] },
          nearLeg: { to: [126, 121] },
          farLeg: { to: [128, 124] },
          nearToe: -60
        },
        mat
      ),
      (pose) => ({
        behind: towelRoll([pose.near.knee[0], 124]),
        arrows: [arc([pose.near.knee[0], 92], [pose.near.knee[0], 110], 6)]
      })
    )
  ],
  'standing-quad-stretch': [
    figure(
      standing(96, {
        // the bent thigh just behind the standing leg, the hand round the ankle
        nearLeg: [110, 250],
        farLeg: { to: [98, 127] },
        nearArm: { to: [85, 70], bend: -1 },
        farArm: { to: [130, 46] }
      }),
      { behind: wallRight }
    )
  ],
  // Hip
  // the bottom knee bent forward for balance, as for the clamshell
  'side-lying-hip-abduction': [
    figure(sideLying({ nearLeg: { to: [168, 117] }, farLeg: bottomKnee }), mat),
    figure(sideLying({ nearLeg: [-20, -20], farLeg: bottomKnee }), {
      ...mat,
      arrows: [arc([172, 112], [160, 82], 12)]
    })
  ],
  // hips and knees bent, feet together behind; the top knee opens
  // seen from the front: thighs forward, feet back in line with the body; the top knee opens
  clamshell: [
    figure(sideLying(clamLegs({ to: [160, 107], bend: 1 })), mat),
    dressed(figure(sideLying(clamLegs([-36, 0])), mat), (pose) => ({
      near: { ...pose.near, foot: [160, 107] },
      arrows: [arc([152, 96], [140, 70], 8)]
    }))
  ],
  'isometric-hip-abduction-lying': [
    dressed(figure(lyingBack(kneesBent), mat), (pose) => ({
      front: `<rect x="${pose.near.knee[0] - 7}" y="${pose.near.knee[1] - 6}" width="14" height="12" rx="4" fill="none" stroke="${bandColour}" stroke-width="3"/>`
    }))
  ],
  'isometric-hip-abduction-standing': [wallPush()],
  'single-leg-bridge': [
    figure(lyingBack({ farLeg: { to: [146, 126] }, nearLeg: [-22, -22] }), mat),
    figure(
      lyingBack({
        hip: [108, 99],
        trunk: 144,
        head: 178,
        nearArm: { to: [96, 125], bend: -1 },
        farArm: { to: [98, 125], bend: -1 },
        farLeg: { to: [148, 126] },
        nearLeg: [-16, -16]
      }),
      { ...mat, arrows: [arc([96, 118], [92, 94], 6)] }
    )
  ],
  'hip-hitch': [hipHitch(1), hipHitch(-1)],
  'side-plank-knees': [
    figure(
      {
        hip: [93, 114],
        trunk: 196,
        head: 205,
        nearArm: [-85, -88],
        farArm: [92, 0],
        // the knees bent behind: the shins folded back along the mat
        nearLeg: [20, 172],
        farLeg: [19, 174]
      },
      mat
    )
  ],
  'side-plank': [
    figure(
      {
        hip: [93, 110],
        trunk: 192,
        head: 196,
        nearArm: [-85, -88],
        farArm: [92, 0],
        nearLeg: { to: [149, 122] },
        farLeg: { to: [151, 126] }
      },
      mat
    )
  ],
  'lateral-band-walk': [bandWalk(84, 116), bandWalk(72, 128)],
  // Calf and Achilles
  'heel-raise-double': [
    figure(bothFeet(atWall([120, 125], 20), [116, 125], 20), { behind: wallRight }),
    figure(bothFeet(atWall([120, 125], 62), [116, 125], 62), {
      behind: wallRight,
      arrows: [heelUp([104, 124])]
    })
  ],
  'heel-raise-single': [
    figure(atWall([120, 125], 20), { behind: wallRight }),
    figure(atWall([120, 125], 62), { behind: wallRight, arrows: [heelUp([104, 124])] })
  ],
  'heel-raise-step': [
    figure(atWall(edge, -25, onStep), { behind: stepAtWall }),
    figure(atWall(edge, 58, onStep), { behind: stepAtWall, arrows: [heelUp([96, 122])] })
  ],
  'heel-raise-loaded': [
    hanging(figure(withWeight(onBoth(-25)), { behind: stepAtWall })),
    hanging(figure(withWeight(onBoth(58)), { behind: stepAtWall, arrows: [heelUp([96, 122])] }))
  ],
  'bent-knee-heel-raise': [
    figure(atWall([120, 125], 20, { crouch: 12 }), { behind: wallRight }),
    figure(atWall([120, 125], 62, { crouch: 12 }), {
      behind: wallRight,
      arrows: [heelUp([102, 124])]
    })
  ],
  'seated-heel-raise': [
    loaded(figure(seatedWeight(20), { behind: seatedChair }), 'knee'),
    loaded(figure(seatedWeight(62), { behind: seatedChair, arrows: [heelUp([80, 124])] }), 'knee')
  ],
  'eccentric-heel-drop-straight': [
    figure(bothFeet(atWall(edge, 58, onStep), [edge[0] - 3, edge[1]], 58), {
      behind: stepAtWall
    }),
    figure(atWall(edge, -25, onStep), { behind: stepAtWall, arrows: [heelDown([96, 100])] })
  ],
  'eccentric-heel-drop-bent': [
    figure(bothFeet(atWall(edge, 58, { ...onStep, crouch: 12 }), [edge[0] - 3, edge[1]], 58), {
      behind: stepAtWall
    }),
    figure(atWall(edge, -25, { ...onStep, crouch: 12 }), {
      behind: stepAtWall,
      arrows: [heelDown([92, 100])]
    })
  ],
  'floor-heel-drop': [
    figure(bothFeet(atWall([120, 125], 62), [116, 125], 62), { behind: wallRight }),
    figure(atWall([120, 125], 20), { behind: wallRight, arrows: [heelDown([104, 104])] })
  ],
  'isometric-heel-raise': [figure(atWall([120, 125], 42), { behind: wallRight })],
  'plantar-fascia-heel-raise': [
    towelUnderToes(
      figure({ ...atWall(edge, 8, onStep), nearToe: undefined }, { behind: stepAtWall })
    ),
    towelUnderToes(
      figure(
        { ...atWall(edge, 58, onStep), nearToe: undefined },
        { behind: stepAtWall, arrows: [heelUp([96, 120])] }
      )
    )
  ],
  // Foot and ankle
  'towel-curls': [
    figure(seated(), { behind: seatedChair + towel(90, 50) }),
    figure(seated({ nearToe: 40 }), {
      behind: seatedChair + towel(90, 26) + rect(104, 119, 12, 9, towelColour, 4),
      arrows: [arc([140, 116], [120, 116], 5)]
    })
  ],
  'short-foot': [
    dressed(figure(seated({ nearToe: undefined }), { behind: seatedChair }), (pose) => {
      const [x] = pose.near.foot
      return {
        front: `<path d="M${x - 3} 126 Q${x + 7} 110 ${x + 17} 126" fill="none" stroke="${ink}" stroke-width="5" stroke-linecap="round"/>`,
        arrows: [arc([x + 7, 138], [x + 7, 124], 0)]
      }
    })
  ],
  'calf-stretch-straight': [calfStretch([108, 78], 80, 140, 158)],
  // a short step, both knees bent, the back heel still down
  'calf-stretch-bent': [calfStretch([102, 80], 102, 130, 152)],
  'plantar-fascia-stretch': [
    figure(
      {
        hip: [112, 72],
        trunk: -75,
        nearArm: { to: [146, 50] },
        farArm: { to: [146, 46] },
        nearLeg: { to: [138, 122] },
        nearToe: -55,
        farLeg: footOn([96, 125], 20).leg,
        farToe: 20
      },
      { behind: wallAt(148) }
    )
  ],
  'towel-calf-stretch': [
    dressed(
      figure(
        {
          hip: [66, 121],
          trunk: -80,
          nearArm: { to: [98, 98] },
          farArm: { to: [96, 100] },
          nearLeg: [0, 0],
          farLeg: [2, 1],
          nearToe: -70
        },
        mat
      ),
      (pose) => ({ front: bar(pose.near.hand, pose.near.toe!, towelColour, 4) })
    )
  ],
  'band-ankle-push': [
    longSittingBand(-70, [arc([136, 100], [142, 118], -8)]),
    longSittingBand(30, [])
  ],
  'ankle-circles': [
    dressed(figure(seated({ nearLeg: [0, 60] }), { behind: seatedChair }), (pose) => {
      const [x, y] = pose.near.toe!
      return {
        arrows: [arc([x - 4, y + 12], [x + 12, y - 4], 9), arc([x + 8, y - 10], [x - 10, y + 6], 9)]
      }
    })
  ],
  'toe-raises': [
    figure(toeRaise(20), { behind: wallAt(34) }),
    figure(toeRaise(-35), { behind: wallAt(34), arrows: [arc([92, 128], [86, 108], 6)] })
  ],
  'heel-walks': [
    figure(
      {
        hip: [100, 66],
        trunk: -88,
        nearArm: [110, 100],
        farArm: [60, 10],
        nearLeg: { to: [118, 119] },
        nearToe: -30,
        farLeg: { to: [84, 119] },
        farToe: -25
      },
      { arrows: [arc([140, 70], [172, 70], 6)] }
    )
  ],
  'knee-to-wall': [
    figure(kneeToWall(108, 82), { behind: wallAt(146) }),
    figure(kneeToWall(120, 86), {
      behind: wallAt(146)
    })
  ],
  // Hamstring
  'nordic-hamstring': [
    figure(nordic(-90), { ...mat, behind: ankleHold }),
    figure(nordic(-42), { ...mat, behind: ankleHold, arrows: [arc([120, 40], [160, 74], 8)] })
  ],
  'askling-extender': [
    figure(extender([-90, 35]), mat),
    figure(extender([-90, -75]), { ...mat, arrows: [arc([150, 110], [126, 64], 10)] })
  ],
  'askling-diver': [
    figure(standing(96, { nearLeg: { to: [100, 127] }, farLeg: [100, 120] })),
    figure(hinge(-18, [8, 6], [12, 10]), { arrows: [arc([66, 66], [104, 54], -8)] })
  ],
  'askling-glider': [
    figure(glider(110, 80), { behind: chair(146, 'left') + towel(58, 18) }),
    // the hips lower so the back foot reaches the floor, still on its towel
    figure(glider(100, 96), {
      behind: chair(146, 'left') + towel(42, 18),
      arrows: [arc([70, 102], [40, 108], -6)]
    })
  ],
  'single-leg-deadlift': [
    loaded(
      figure(standing(96, { nearArm: [90, 90], nearLeg: { to: [100, 127] }, farLeg: [95, 100] }))
    ),
    loaded(figure(hinge(-12, [85, 88], [80, 85]), { arrows: [arc([150, 44], [164, 70], -8)] }))
  ],
  'bridge-heels-on-step': [
    figure(
      lyingBack({ hip: [100, 120], nearLeg: { to: [152, 102] }, farLeg: { to: [156, 103] } }),
      {
        ...mat,
        behind: block(140, 36, 24)
      }
    ),
    figure(
      lyingBack({
        hip: [104, 100],
        trunk: 147,
        head: 178,
        nearLeg: { to: [152, 102] },
        farLeg: { to: [156, 103] }
      }),
      { ...mat, behind: block(140, 36, 24), arrows: [arc([92, 118], [88, 96], 6)] }
    )
  ],
  'prone-hamstring-curl': [
    dressed(figure(prone([0, 0]), mat), (pose) => ({ front: cuff(pose.near.foot) })),
    dressed(
      figure(prone([0, -90]), { ...mat, arrows: [arc([170, 116], [150, 84], 10)] }),
      (pose) => ({ front: cuff(pose.near.foot) })
    )
  ],
  'hamstring-heel-dig': [
    figure(lyingBack({ nearLeg: { to: [152, 124] } }), {
      ...mat,
      // the heel pressed down and pulled back toward the seat
      arrows: [arc([176, 100], [158, 118], -4)]
    })
  ],
  // Trunk
  'dead-bug': [
    figure(
      lyingBack({
        nearArm: [-90, -90],
        farArm: [-92, -92],
        nearLeg: [-88, 0],
        farLeg: [-92, 2]
      }),
      mat
    ),
    figure(
      lyingBack({
        nearArm: [188, 182],
        farArm: [-92, -92],
        nearLeg: [-88, 0],
        farLeg: [-8, -4]
      }),
      { ...mat, arrows: [arc([60, 80], [36, 104], 10)] }
    )
  ],
  // Balance
  'single-leg-balance': [
    figure(
      standing(100, {
        nearLeg: { to: [102, 127] },
        farLeg: [-20, 90],
        nearArm: [60, 70],
        farArm: [120, 110]
      })
    )
  ],
  'single-leg-balance-cushion': [
    figure(
      standing(100, {
        hip: [100, 62],
        nearLeg: { to: [102, 117] },
        farLeg: [-20, 90],
        nearArm: [60, 70],
        farArm: [120, 110]
      }),
      { behind: cushion(80, 44) }
    )
  ],
  'star-excursion': [
    figure(
      standing(90, {
        nearLeg: { to: [92, 127] },
        farLeg: [70, 110],
        nearArm: [70, 90],
        farArm: [110, 90]
      }),
      {
        behind: starTape
      }
    ),
    figure(
      standing(84, {
        hip: [84, 92],
        trunk: -70,
        nearLeg: { to: [92, 127] },
        farLeg: { to: [150, 126] },
        nearArm: [70, 90],
        farArm: [110, 90]
      }),
      { behind: starTape, arrows: [arc([110, 112], [146, 112], 8)] }
    )
  ],
  'single-leg-ball-throw': [
    figure(
      standing(80, {
        nearLeg: { to: [82, 127] },
        farLeg: [100, 200],
        nearArm: [-20, -30],
        farArm: [-25, -35]
      }),
      { behind: wallAt(176) + ball([150, 34]), arrows: [arc([116, 28], [140, 26], 4)] }
    )
  ],
  // Plyometrics
  'pogo-jumps': [
    figure(
      standing(100, {
        hip: [100, 60],
        nearArm: [100, 20],
        farArm: [80, 10],
        ...onToes([104, 116], [100, 116])
      }),
      { arrows: [arc([136, 112], [136, 86], 6), arc([150, 86], [150, 112], 6)] }
    )
  ],
  'single-leg-hops': [
    figure(
      standing(100, {
        hip: [100, 60],
        nearArm: [110, 40],
        farArm: [60, -20],
        ...onToes([104, 116], [100, 116]),
        farLeg: [100, 200]
      }),
      { arrows: [arc([136, 112], [136, 84], 6)] }
    )
  ],
  'a-skips': [
    figure(
      standing(100, {
        trunk: -86,
        hip: [100, 62],
        // the arm opposite the raised (far) knee swings forward
        nearArm: [60, -30],
        farArm: [115, 100],
        // landing on the ball of the foot, the toes on the floor
        nearLeg: { to: [104, 119] },
        nearToe: 30,
        farLeg: [-5, 92]
      }),
      { arrows: [arc([150, 90], [180, 90], 6)] }
    )
  ],
  'lateral-hops': [
    figure(frontHop(72, 70), { behind: hopLine }),
    figure(frontHop(128, 70), { behind: hopLine, arrows: [arc([76, 100], [124, 100], 22)] })
  ],
  'hop-and-stick': [
    figure(
      standing(120, {
        hip: [120, 88],
        trunk: -66,
        nearArm: [20, 10],
        farArm: [-5, -5],
        nearLeg: { to: [132, 127] },
        farLeg: [120, 180]
      }),
      { arrows: [arc([30, 120], [106, 120], 40)] }
    )
  ],
  'skipping-rope': [
    figure(
      standing(100, {
        hip: [100, 62],
        nearArm: [110, 20],
        farArm: [70, 160],
        ...onToes([102, 116], [98, 116])
      }),
      {
        behind: `<path d="M122 90 Q150 -34 84 84" fill="none" stroke="${bandColour}" stroke-width="3"/>`
      }
    )
  ],
  'band-ankle-eversion': [bandEversion(false), bandEversion(true)]
}

/** Lying on the far side, head on the lower arm, seen from the front. */
function sideLying(change: Partial<Body>): Body {
  return {
    hip: [112, 114],
    trunk: 180,
    head: 195,
    nearArm: { to: [100, 127], bend: -1 },
    farArm: [185, 178],
    nearLeg: { to: [168, 121] },
    farLeg: { to: [168, 125] },
    ...change
  }
}

/**
 * A hip hitch from the front: standing on the near leg on a step, the
 * pelvis (drawn as a bar) dropping (`tilt` 1) or lifting (-1) the free leg.
 * The legs hang from the ends of the pelvis, so they are drawn through
 * the "knee" points.
 */
function hipHitch(tilt: 1 | -1): Pose {
  const stance: Point = [96, 64]
  const free = toward(stance, tilt * 22, 20)
  const centre: Point = [round((stance[0] + free[0]) / 2), round((stance[1] + free[1]) / 2)]
  const neck = toward(centre, -90 - tilt * 4, 36)
  return {
    head: toward(neck, -90, 14),
    neck,
    hip: centre,
    near: {
      elbow: toward(neck, 108, 19),
      hand: toward(neck, 100, 36),
      knee: stance,
      foot: [96, 112]
    },
    far: {
      elbow: toward(neck, 72, 19),
      hand: toward(neck, 80, 36),
      knee: free,
      foot: [free[0], free[1] + 48]
    },
    behind: block(50, 56, 16),
    front: bar(stance, free, ink, 7),
    arrows: [tilt === 1 ? arc([140, 110], [140, 84], -8) : arc([140, 84], [140, 110], 8)].reverse()
  }
}

/**
 * Standing tall on the far leg, seen from the front, the outside of the
 * near leg pressed sideways into the wall beside it. Like the hip hitch,
 * the pelvis is a bar and the legs hang straight from its ends.
 */
function wallPush(): Pose {
  const neck: Point = [96, 34]
  const far: Point = [87, 70]
  const near: Point = [105, 70]
  return {
    head: toward(neck, -90, 14),
    neck,
    hip: [96, 70],
    // hands on the hips
    near: { elbow: [114, 50], hand: near, knee: near, foot: [116, 124] },
    far: { elbow: [78, 50], hand: far, knee: far, foot: [86, 127] },
    behind: wallAt(121),
    front: bar(far, near, ink, 7),
    arrows: [arc([90, 100], [109, 100], 0)]
  }
}

/** Side-stepping with a band around the knees, seen from the front. */
function bandWalk(farFoot: number, nearFoot: number): Pose {
  const pose = figure({
    hip: [100, 76],
    trunk: -90,
    nearArm: { to: [114, 76], bend: -1 },
    farArm: { to: [86, 76] },
    nearLeg: { to: [nearFoot, 127] },
    farLeg: { to: [farFoot, 127], bend: 1 }
  })
  return {
    ...pose,
    front: band(pose.far.knee, pose.near.knee),
    arrows: [arc([140, 66], [170, 66], 6)]
  }
}
/** a dumbbell in the near hand, or resting on the near knee */
function loaded(pose: Pose, where: 'hand' | 'knee' = 'hand'): Pose {
  const at: Point =
    where === 'hand' ? pose.near.hand : [pose.near.knee[0] - 4, pose.near.knee[1] - 9]
  return { ...pose, front: (pose.front ?? '') + dumbbell(at) }
}
/** sitting with a weight on the knee, the heel raised to `angle` */
function seatedWeight(angle: number): Body {
  const foot = footOn([96, 125], angle)
  return seated({
    nearLeg: foot.leg,
    nearToe: foot.toe,
    nearArm: { to: [84, 76] },
    farArm: { to: [82, 78] }
  })
}
/** a rolled towel under the toes: the foot drawn to its ball, the toes bent up over the towel */
function towelUnderToes(pose: Pose): Pose {
  const ball = edge
  const tip: Point = [ball[0] + 10, ball[1] - 10]
  return {
    ...pose,
    front:
      towelRoll([ball[0] + 7, ball[1] - 4], 6) +
      bar(pose.near.foot, ball, ink, 6) +
      bar(ball, tip, ink, 5)
  }
}
function longSittingBand(toe: number, arrows: Pose['arrows']): Pose {
  return dressed(
    figure(
      {
        hip: [66, 121],
        trunk: -80,
        nearArm: { to: [98, 98] },
        farArm: { to: [96, 100] },
        nearLeg: [0, 0],
        farLeg: [2, 1],
        nearToe: toe
      },
      { ...mat, arrows }
    ),
    (pose) => ({ front: band(pose.near.hand, pose.near.toe!) })
  )
}
/** back against the wall, heels on the floor, toes lifted to `angle` */
function toeRaise(angle: number): Body {
  return {
    hip: [50, 67],
    trunk: -95,
    nearArm: [95, 88],
    farArm: [92, 92],
    nearLeg: footOn([72, 125], 20).leg,
    farLeg: footOn([68, 125], 20).leg,
    nearToe: angle,
    farToe: angle
  }
}
/** a lunge facing the wall, the front heel down, the knee driven toward the wall */
function kneeToWall(hipX: number, hipY: number): Body {
  return {
    hip: [hipX, hipY],
    trunk: -80,
    nearArm: { to: [148, hipY - 26] },
    farArm: { to: [148, hipY - 30] },
    nearLeg: footOn([136, 125], 20).leg,
    nearToe: 20,
    farLeg: footOn([84, 125], 40).leg,
    farToe: 40
  }
}

/** kneeling upright or leaning forward from the knees, ankles held */
function nordic(lean: number): Body {
  const knee: Point = [72, 123]
  return {
    hip: toward(knee, lean, lengths.thigh),
    trunk: lean,
    nearArm: lean < -60 ? [70, -60] : [60, 90],
    farArm: lean < -60 ? [75, -55] : [65, 95],
    // thigh from the hip back down to the knee, shin along the floor to the held ankles
    nearLeg: [lean + 180, 180],
    farLeg: [lean + 180, 182]
  }
}
/** lying on the back, the near thigh held upright, the knee bent or straightened */
function extender(leg: [number, number]): Body {
  return lyingBack({
    trunk: 190,
    nearArm: { to: [110, 98] },
    farArm: { to: [108, 100] },
    nearLeg: leg
  })
}
/** the Askling glider: front foot planted, back foot sliding on a towel, hands on a chair */
function glider(hipX: number, hipY: number): Body {
  return {
    hip: [hipX, hipY],
    trunk: -88,
    nearArm: { to: [148, hipY - 30] },
    farArm: { to: [148, hipY - 28] },
    nearLeg: { to: [126, 127] },
    farLeg: { to: [hipX > 106 ? 66 : 51, 125] }
  }
}
function prone(leg: [number, number]): Body {
  return {
    hip: [108, 121],
    trunk: 180,
    head: 176,
    nearArm: { to: [52, 124] },
    farArm: { to: [54, 125] },
    nearLeg: leg,
    farLeg: [2, 0]
  }
}
/** both feet on their toes just off the floor */
function onToes(near: Point, far: Point): Partial<Body> {
  return { nearLeg: { to: near }, farLeg: { to: far }, nearToe: 40, farToe: 40 }
}
/** hopping side to side on one leg, seen from the front */
function frontHop(x: number, hipY: number): Body {
  return {
    hip: [x, hipY],
    trunk: -90,
    nearArm: [60, 80],
    farArm: [120, 100],
    nearLeg: { to: [x + 4, 126] },
    farLeg: { to: [x - 14, hipY + 36], bend: 1 }
  }
}

/** Sitting on a chair seen from the front, a band around both feet; the near foot turns out. */
function bandEversion(out: boolean): Pose {
  const toe: Point = out ? [126, 117] : [120, 125]
  return {
    head: [100, 36],
    neck: [100, 50],
    hip: [100, 86],
    near: { elbow: [114, 66], hand: [112, 88], knee: [112, 96], foot: [113, 121], toe },
    far: { elbow: [86, 66], hand: [88, 88], knee: [88, 96], foot: [87, 121], toe: [80, 125] },
    behind: rect(74, 90, 52, 6, propLine) + bar([78, 96], [78, 127]) + bar([122, 96], [122, 127]),
    front: band([84, 123], [toe[0] - 3, toe[1] - 1]),
    ...(out ? { arrows: [arc([130, 104], [146, 112], -6)] } : {})
  }
}

/** leaning on a wall, the near leg back with its heel down, the far leg forward */
function calfStretch(hip: Point, backBall: number, frontBall: number, wall: number): Pose {
  return figure(
    {
      hip,
      trunk: -62,
      nearArm: { to: [wall - 2, hip[1] - 34] },
      farArm: { to: [wall - 2, hip[1] - 38] },
      nearLeg: footOn([backBall, 125], 8).leg,
      nearToe: 8,
      farLeg: footOn([frontBall, 125], 20).leg,
      farToe: 20
    },
    { behind: wallAt(wall) }
  )
}

/** tipped forward from the hip on the near leg, the far leg reaching back */
function hinge(trunk: number, nearArm: Limb, farArm: Limb): Body {
  return standing(96, {
    hip: [96, 74],
    trunk,
    head: trunk - 5,
    nearArm,
    farArm,
    nearLeg: { to: [105, 127] },
    farLeg: [174, 178]
  })
}

function clamLegs(near: Limb): Partial<Body> {
  return { hip: [112, 112], nearLeg: near, farLeg: { to: [160, 114], bend: 1 } }
}
