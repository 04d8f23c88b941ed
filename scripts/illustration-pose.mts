/**
 * The shape of a stick figure's pose, apart from the drawing, so the pose
 * files (illustrations-running.mts) and the drawing (illustrations.mts)
 * each import it and neither imports the other back.
 */
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
