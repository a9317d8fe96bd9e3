import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Workloads for the crash and limit scripts: a small workspace simulate and plan can run on (one mug
 * on TikTok Shop US and Amazon US for 120 days, stock in both warehouses), and a large generic export.
 */
export function planWorkspaceFiles(dir: string): string[] {
  const rows = ['order_id,order_date,sku,quantity,unit_price,currency,channel,market'];
  const start = Date.UTC(2024, 8, 1);
  for (let d = 0; d < 120; d++) {
    const date = new Date(start + d * 86_400_000).toISOString().slice(0, 10);
    rows.push(`T-${d},${date},MUG,20,10,USD,tiktok-shop,US`, `A-${d},${date},MUG,20,10,USD,amazon,US`);
  }
  const files: Record<string, string> = {
    'history.csv': rows.join('\n') + '\n',
    'locations.csv': 'location,kind,market,channels\nFBT-US,fbt,US,tiktok-shop\nFBA-US,fba,US,amazon\n',
    'inventory.csv': 'location,sku,quantity,as_of\nFBT-US,MUG,1200,2024-12-29\nFBA-US,MUG,600,2024-12-29\n',
    'costs.csv': 'sku,unit_cost,currency\nMUG,4,USD\n',
  };
  return Object.entries(files).map(([name, text]) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  });
}

export const planScenario = `name: ban on TikTok Shop US
horizon_days: 60
paths: 200
seed: 5
events:
  - id: ban
    target: { channel: tiktok-shop, market: US }
    probability: 0.5
    onset: 2024-12-30
    duration: { permanent: 1 }
    severity: 1
    diversion:
      amazon: { share: 0.6, ramp_days: 0 }
`;

/** A generic export of `lines` order lines (about 60 bytes each), written as a stream. */
export function bigOrdersCsv(path: string, lines: number): void {
  const out = openSync(path, 'w');
  writeSync(out, 'order_id,order_date,sku,quantity,unit_price,currency,channel,market,line_id,status\n');
  let chunk = '';
  for (let i = 0; i < lines; i++) {
    const date = new Date(Date.UTC(2024, 0, 1) + (i % 365) * 86_400_000).toISOString().slice(0, 10);
    chunk += `B-${i},${date},SKU-${i % 500},${1 + (i % 3)},${(5 + (i % 97)).toFixed(2)},USD,etsy,US,1,completed\n`;
    if (chunk.length > 1 << 20) {
      writeSync(out, chunk);
      chunk = '';
    }
  }
  writeSync(out, chunk);
  closeSync(out);
}
