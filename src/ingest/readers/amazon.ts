import type { ReaderSpec } from '../reader.js';
import { amazonAllOrders } from './amazon-orders.js';
import { amazonTransactions, amazonTransactionsDe } from './amazon-transactions.js';

/**
 * Amazon Seller Central exports (docs/formats/amazon.md): the All Orders report gives every order
 * item with its price; the Date Range transaction report adds fees and refunds to the same lines.
 */
export const AMAZON_READERS: readonly ReaderSpec[] = [
  amazonAllOrders,
  amazonTransactions,
  amazonTransactionsDe,
];
