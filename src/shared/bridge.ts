import type { Channel } from './channels'
import type { Input, Output } from './contract'
import type { Result } from './errors'

/** window.api: one async function per channel, never throwing, always a Result. */
export type Bridge = { [C in Channel]: (input: Input<C>) => Promise<Result<Output<C>>> }
