import type { RawEventInput } from '../schema.js';

/**
 * One historical event. `event` is written in the scenario file's own spelling, so `use: ID` plus
 * the file's fields is exactly the merge a user would do by hand, and `ballast events` can show it
 * as YAML.
 */
export interface LibraryEntry {
  id: string;
  title: string;
  /** What happened, in two or three sentences. */
  summary: string;
  /** What the parameters are calibrated on, and what they leave to the user. */
  calibratedOn: string;
  /** Public pages behind the numbers (shared/EVENTS.md lists most of them). */
  sources: string[];
  event: RawEventInput;
}
