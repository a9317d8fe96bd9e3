import { arrivalColumns, type SimArrival, type SimModel, type SimStock } from '../src/simulate/index.js';
import { mulberry32 } from '../src/random.js';
import { benchModel } from './simulate.js';

/**
 * The plan benchmark's model: the simulate benchmark's 40 SKUs × 5 groups (TikTok US, Amazon US, web
 * store US, app US, Amazon UK; three correlated events), given stock so that there are real stock
 * decisions. The TikTok ban now also freezes FBT-US (released after 45 days, $1.50 a unit to take
 * out), and a creator retainer on TikTok can be cancelled.
 */
export const LOCATIONS = ['FBT-US', 'FBA-US', '3PL-US', 'FBA-UK'];
const FBT = 0;
const FBA_US = 1;
/** Groups each location sells to (a cell sells from one location), and to once released from a stranding. */
const SELLS = [[0], [1], [2, 3], [4]];
const RELEASED = [[0, 1, 2, 3], [1], [2, 3], [4]];

/**
 * What the seller may do (the scenario file's `decisions:` block, resolved by the real
 * `resolveDecisions`): pull FBT stock to FBA or the 3PL (the FBA lane has a capacity), redirect FBT
 * shipments still at sea, open Temu or Walmart US (binaries), spend on the web store, cancel the
 * creator retainer (binary).
 */
export const BENCH_DECISIONS = {
  transfers: [
    { from: 'FBT-US', to: 'FBA-US', cost_per_unit: 1.2, lead_days: 10, capacity: 15_000 },
    { from: 'FBT-US', to: '3PL-US', cost_per_unit: 0.8, lead_days: 5 },
  ],
  shipments: { redirect_to: ['FBA-US', '3PL-US'], cost_per_unit: 0.5, extra_days: 3 },
  open: [
    {
      channel: 'temu',
      market: 'US',
      like: { channel: 'amazon', market: 'US' },
      relative_demand: 0.25,
      uncertainty: 0.6,
      setup_cost: 6_000,
      lead_days: 21,
      ramp_days: 30,
      sells_from: ['3PL-US'],
    },
    {
      channel: 'walmart',
      market: 'US',
      like: { channel: 'amazon', market: 'US' },
      relative_demand: 0.15,
      uncertainty: 0.5,
      setup_cost: 9_000,
      lead_days: 30,
      ramp_days: 45,
    },
  ],
  budget: [
    {
      channel: 'shopify',
      market: 'US',
      curve: [
        [5_000, 0.06],
        [15_000, 0.1],
        [30_000, 0.12],
      ],
    },
  ],
  cancel: [{ commitment: 'tiktok-creators', drives: 0.12 }],
};

/** Lowest US price of a SKU unless `lossLeaders`: below it, fees and shipping exceed the margin on TikTok and Amazon. */
const PRICE_FLOOR = 20;

/**
 * @param lossLeaders keep the simulate benchmark's prices ($8–60), where the cheapest SKUs sell at a
 *   loss on TikTok and Amazon; otherwise those SKUs are repriced to $20 (unit cost scaled alike).
 */
export function planBenchModel(seed: number, paths: number, lossLeaders = false): SimModel {
  const model = benchModel(seed, paths);
  const random = mulberry32(seed ^ 0x5eed);
  const uniform = (lo: number, hi: number) => lo + (hi - lo) * random();
  const H = model.horizonDays;
  const C = model.cellGroup.length;
  const S = model.skus.length;
  const G = model.groupChannel.length;
  if (!lossLeaders) {
    for (let s = 0; s < S; s++) {
      const factor = Math.max(1, PRICE_FLOOR / model.price[s * G]);
      for (let g = 0; g < G; g++) {
        model.price[s * G + g] *= factor;
        model.unitCost[s * G + g] *= factor;
      }
    }
  }
  const daily = Float64Array.from(
    { length: C },
    (_, c) => model.baseline.subarray(c * H, (c + 1) * H).reduce((a, b) => a + b, 0) / H,
  );
  const demandOf = (sku: number, groups: number[]) => groups.reduce((sum, g) => sum + daily[sku * G + g], 0);

  // Days of cover: FBT is kept lean (TikTok sells fast and FBT charges storage), the others hold more;
  // some SKUs run short anyway, which is what makes moving stock worth something.
  const initial = new Float64Array(LOCATIONS.length * S);
  const arrivals: SimArrival[] = [];
  for (let s = 0; s < S; s++) {
    const cover = [uniform(30, 75), uniform(60, 150), uniform(60, 180), uniform(90, 200)];
    SELLS.forEach((groups, l) => (initial[l * S + s] = Math.round(demandOf(s, groups) * cover[l])));
    // Half the SKUs have a sea shipment on its way to FBT (most still redirectable), and a third one to FBA-US.
    if (random() < 0.5) {
      arrivals.push({
        day: Math.floor(uniform(10, 60)),
        location: FBT,
        sku: s,
        units: Math.round(demandOf(s, [0]) * uniform(30, 60)),
        shipment: `SEA-${s + 1}`,
        canRedirect: random() < 0.8 ? 1 : 0,
      });
    }
    if (random() < 0.33) {
      arrivals.push({
        day: Math.floor(uniform(20, 90)),
        location: FBA_US,
        sku: s,
        units: Math.round(demandOf(s, [1]) * uniform(30, 60)),
        shipment: `AIR-${s + 1}`,
        canRedirect: 0,
      });
    }
  }
  arrivals.sort((a, b) => a.day - b.day);

  const cellsOf = (groups: number[]) => {
    const out: number[] = [];
    for (let c = 0; c < C; c++) if (groups.includes(model.cellGroup[c])) out.push(c);
    return out;
  };
  const csr = (lists: number[][]) => {
    const start = new Int32Array(lists.length + 1);
    lists.forEach((list, l) => (start[l + 1] = start[l] + list.length));
    return { start, list: Int32Array.from(lists.flat()) };
  };
  const sellers = csr(SELLS.map(cellsOf));
  const released = csr(RELEASED.map(cellsOf));
  const stock: SimStock = {
    locations: LOCATIONS,
    unlimited: new Uint8Array(C),
    initial,
    ...arrivalColumns(arrivals),
    sellerStart: sellers.start,
    sellers: sellers.list,
    releasedStart: released.start,
    released: released.list,
  };

  const [ban, ...others] = model.events;
  const banVariant = ban.variants[0];
  const events = [
    {
      ...ban,
      variants: [
        {
          ...banVariant,
          strandedLocation: Int32Array.of(FBT),
          strandedReleaseDays: Float64Array.of(45),
          strandedCostPerUnit: Float64Array.of(1.5),
        },
      ],
    },
    ...others,
  ];
  // A creator retainer on TikTok US: $250 a day, cancellable now for $5,000.
  const commitments = [
    {
      id: 'tiktok-creators',
      channel: 'tiktok',
      groups: Uint8Array.from({ length: G }, (_, g) => (g === 0 ? 1 : 0)),
      daily: new Float64Array(H).fill(250),
      cancellable: true,
      cancelFee: 5_000,
    },
  ];
  return { ...model, stock, events, commitments };
}
