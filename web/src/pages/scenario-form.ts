/**
 * The scenario form edits the YAML through the `yaml` package's Document API, so the user's
 * comments, order and flow style survive every change the form makes.
 */
import { isMap, isSeq, parseDocument, type Document } from 'yaml';

export interface EventFields {
  index: number;
  id: string;
  probability: number | null;
  durationDays: number | null;
  severity: number | null;
  diversion: Record<string, number>;
}

export function readEvents(text: string): { doc: Document; events: EventFields[] } | null {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return null;
  const seq = doc.get('events');
  if (!isSeq(seq)) return { doc, events: [] };
  const events = seq.items.flatMap((item, index) => {
    if (!isMap(item)) return [];
    const num = (v: unknown) => (typeof v === 'number' ? v : null);
    const duration = item.get('duration');
    const diversion = item.get('diversion');
    const shares: Record<string, number> = {};
    if (isMap(diversion)) {
      for (const pair of diversion.items) {
        const share = isMap(pair.value) ? pair.value.get('share') : pair.value;
        if (typeof share === 'number')
          shares[String((pair.key as { value?: unknown })?.value ?? pair.key)] = share;
      }
    }
    return [
      {
        index,
        id: String(item.get('id') ?? `#${index + 1}`),
        probability: num(item.get('probability')),
        durationDays: isMap(duration) ? num(duration.get('days')) : null,
        severity: num(item.get('severity')),
        diversion: shares,
      },
    ];
  });
  return { doc, events };
}

export type FieldEdit =
  | { field: 'probability' | 'severity'; value: number }
  | { field: 'durationDays'; value: number }
  | { field: 'diversion'; channel: string; value: number };

/** The text with one event's setting changed; everything else in the file stays as written. */
export function applyEdit(text: string, index: number, edit: FieldEdit): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return text;
  const at = ['events', index];
  switch (edit.field) {
    case 'probability':
    case 'severity':
      doc.setIn([...at, edit.field], edit.value);
      break;
    case 'durationDays': {
      // A fixed number of days replaces whatever distribution the event had.
      const duration = doc.getIn([...at, 'duration']);
      if (isMap(duration) && duration.has('days') && !isMap(duration.get('days')))
        duration.set('days', edit.value);
      else doc.setIn([...at, 'duration'], doc.createNode({ days: edit.value }, { flow: true }));
      break;
    }
    case 'diversion': {
      const entry = doc.getIn([...at, 'diversion', edit.channel]);
      if (isMap(entry)) entry.set('share', edit.value);
      else
        doc.setIn([...at, 'diversion', edit.channel], doc.createNode({ share: edit.value }, { flow: true }));
      break;
    }
  }
  return doc.toString();
}

/** The text with a library event appended to `events:` (created when missing). */
export function addLibraryEvent(text: string, libraryId: string): string {
  const doc = parseDocument(text || '');
  if (doc.errors.length > 0) return text;
  const existing = readEvents(doc.toString())?.events.map((e) => e.id) ?? [];
  let id = libraryId;
  for (let n = 2; existing.includes(id); n++) id = `${libraryId}-${n}`;
  const item = doc.createNode({ id, use: libraryId });
  const seq = doc.get('events');
  if (isSeq(seq)) seq.add(item);
  else doc.set('events', doc.createNode([{ id, use: libraryId }]));
  return doc.toString();
}
