/**
 * The whole built-in library, in the one place the seed reads it from: the
 * starter article's content, then the running clinic's.
 */
import { builtinAdvice as articleAdvice } from './advice'
import { runningAdvice } from './advice-running'
import { builtinExercises as articleExercises } from './exercises'
import { runningExercises } from './exercises-running'
import { builtinTemplates as articleTemplates } from './templates'
import { runningTemplates } from './templates-running'

export const builtinExercises = [...articleExercises, ...runningExercises]
export const builtinAdvice = [...articleAdvice, ...runningAdvice]
export const builtinTemplates = [...articleTemplates, ...runningTemplates]
