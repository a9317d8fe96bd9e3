import type { ReaderSpec } from './reader.js';
import { generic } from './readers/generic.js';
import { INPUT_READERS } from './readers/inputs.js';

/** Every format Ballast recognises, channel exports first. Detection never depends on this order. */
export const READERS: readonly ReaderSpec[] = [generic, ...INPUT_READERS];
