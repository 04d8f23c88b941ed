/** Sizes the api accepts and returns; shared so forms and lists can say them. */
export const limits = {
  name: 200,
  shortText: 200,
  phone: 50,
  email: 254,
  longText: 2000,
  notes: 20_000,
  search: 200,
  /** patients:list answers at most this many rows; search narrows the rest */
  patientList: 500,
  /** exercises:list answers at most this many; typing more narrows the rest */
  exerciseList: 200,
  /** rows per dashboard list at first, and the most a list will show */
  dashboardRows: 20,
  dashboardRowsMax: 1000,
  logoBytes: 1_000_000,
  load: 100,
  programItems: 60,
  adviceSections: 20,
  advicePoints: 30,
  photoBytes: 2_000_000,
  photos: 4,
  steps: 20,
  tags: 10,
  walkRunWeeks: 16
} as const
