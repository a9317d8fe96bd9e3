import type { ReaderSpec } from '../reader.js';

// Being written: readers for this channel land here.
export const WALMART_READERS: readonly ReaderSpec[] = [];
