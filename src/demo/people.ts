/**
 * Made-up buyers: a name, a street, a city and a postcode from the order's buyer number and state.
 * Every address is fake (streets named Example, Sample, Demo…; e-mails at example.invalid).
 */
import { TERMS } from './seller.js';

const FIRST = [
  'Avery',
  'Jordan',
  'Riley',
  'Casey',
  'Morgan',
  'Taylor',
  'Jamie',
  'Quinn',
  'Rowan',
  'Skyler',
  'Harper',
  'Emerson',
  'Finley',
  'Dakota',
  'Reese',
  'Sage',
];
const LAST = [
  'Example',
  'Sample',
  'Tester',
  'Demo',
  'Placeholder',
  'Mock',
  'Specimen',
  'Pattern',
  'Model',
  'Trial',
  'Proto',
  'Draft',
];
const STREETS = [
  'Example St',
  'Sample Ave',
  'Demo Rd',
  'Placeholder Ln',
  'Test Blvd',
  'Mock Way',
  'Fixture Ct',
  'Pattern Dr',
];

/** One city and a postcode stem per state, in TERMS.usStates order. */
const US_CITIES: ReadonlyArray<readonly [string, string]> = [
  ['Los Angeles', '900'],
  ['Houston', '770'],
  ['Orlando', '328'],
  ['Brooklyn', '112'],
  ['Chicago', '606'],
  ['Pittsburgh', '152'],
  ['Columbus', '432'],
  ['Atlanta', '303'],
  ['Seattle', '981'],
  ['Phoenix', '850'],
];

/** Brazilian states for Mercado Livre buyers: [UF, city, CEP stem]. */
export const BR_PLACES: ReadonlyArray<readonly [string, string, string]> = [
  ['SP', 'São Paulo', '01310'],
  ['RJ', 'Rio de Janeiro', '20040'],
  ['MG', 'Belo Horizonte', '30130'],
  ['PR', 'Curitiba', '80010'],
  ['RS', 'Porto Alegre', '90010'],
  ['BA', 'Salvador', '40020'],
  ['SC', 'Florianópolis', '88010'],
  ['PE', 'Recife', '50030'],
];

export interface Buyer {
  first: string;
  last: string;
  name: string;
  street: string;
  city: string;
  state: string;
  stateName: string;
  zip: string;
  phone: string;
}

/** The buyer's first and last name, the same on every channel. */
function nameOf(buyer: number): Pick<Buyer, 'first' | 'last' | 'name'> {
  const first = FIRST[buyer % FIRST.length];
  const last = LAST[Math.floor(buyer / FIRST.length) % LAST.length];
  return { first, last, name: `${first} ${last}` };
}

export function usBuyer(buyer: number, state: number): Buyer {
  const [code, stateName] = TERMS.usStates[state];
  const [city, stem] = US_CITIES[state];
  return {
    ...nameOf(buyer),
    street: `${100 + (buyer % 900)} ${STREETS[buyer % STREETS.length]}`,
    city,
    state: code,
    stateName,
    zip: `${stem}${String(buyer % 100).padStart(2, '0')}`,
    phone: `555${String(buyer % 10_000_000).padStart(7, '0')}`,
  };
}

export function brBuyer(buyer: number, state: number): Buyer {
  const [uf, city, stem] = BR_PLACES[state];
  return {
    ...nameOf(buyer),
    street: `Rua ${STREETS[buyer % STREETS.length].split(' ')[0]}, ${10 + (buyer % 990)}`,
    city,
    state: uf,
    stateName: uf,
    zip: `${stem}-${String(buyer % 1000).padStart(3, '0')}`,
    phone: `1199${String(buyer % 10_000_000).padStart(7, '0')}`,
  };
}
