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
  /** Public pages behind the numbers (docs/events.md lists most of them). */
  sources: string[];
  event: RawEventInput;
  /** What was observed, to check the entry against (`ballast events --check`). */
  facts: EventFact[];
}

/**
 * A quantity the simulator can be asked about one path of the event, on a plain seller whose demand
 * is flat: `change…` values are demand × multiplier − 1 (−0.2 = a fifth lost).
 */
export type FactQuantity =
  /** Days from onset to end; a permanent outcome counts as the check's horizon. */
  | { kind: 'length-days' }
  /** 1 when the outcome is permanent, else 0. */
  | { kind: 'permanent' }
  /** Demand change on whole day `day` after the end (1 = the first day after the day it ends). */
  | { kind: 'change-after-end'; day: number }
  /** Mean demand change over `days` days from onset + `from` (negative `from`: before onset). */
  | { kind: 'change-mean'; from: number; days: number }
  /** Demand level once any recovery is over (1 = as before). */
  | { kind: 'level-after' }
  /** 1 when the event has begun by `date` (YYYY-MM-DD), else 0. */
  | { kind: 'begun-by'; date: string };

export interface EventFact {
  name: string;
  /** The observed value, in the quantity's units; a reported range is given by its middle. */
  observed: number;
  quantity: FactQuantity;
  /** The public page the observed value comes from. */
  source: string;
}
