import type { SimModel } from '../simulate/index.js';

/** Margin of one unit sold by cell `c`: net price after fees, less landed cost, fee and shipping per unit. */
export function unitMargin(model: SimModel, c: number): number {
  return (
    model.price[c] * (1 - model.feePct[c]) - model.unitCost[c] - model.feePerUnit[c] - model.shipPerUnit[c]
  );
}

/** Cells that sell `sku` from location `l` with stock limits (so extra units there can sell). */
export function sellersOf(model: SimModel, l: number, sku: number): number[] {
  const stock = model.stock;
  if (!stock) return []; // no stock, no locations: nothing sells from one
  const out: number[] = [];
  for (let i = stock.sellerStart[l]; i < stock.sellerStart[l + 1]; i++) {
    const c = stock.sellers[i];
    if (model.cellSku[c] === sku && !stock.unlimited[c]) out.push(c);
  }
  return out;
}
