/**
 * The historical event library: one file per entry, listed here in date order. A scenario event
 * pulls one in with `use: ID` and overrides any field beside it.
 */
import { amazon2021 } from './amazon-2021.js';
import { india2020 } from './india-2020.js';
import { indonesia2023 } from './indonesia-2023.js';
import { tiktokUs2025 } from './tiktok-us-2025.js';
import type { LibraryEntry } from './types.js';
import { usDeMinimis2025 } from './us-de-minimis-2025.js';

export type { EventFact, FactQuantity, LibraryEntry } from './types.js';

const ENTRIES: readonly LibraryEntry[] = [
  india2020,
  amazon2021,
  indonesia2023,
  tiktokUs2025,
  usDeMinimis2025,
];

/** Every library entry, for `ballast events`. */
export function listEvents(): readonly LibraryEntry[] {
  return ENTRIES;
}

/** The entry with this id, or undefined. */
export function libraryEvent(id: string): LibraryEntry | undefined {
  return ENTRIES.find((entry) => entry.id === id);
}
