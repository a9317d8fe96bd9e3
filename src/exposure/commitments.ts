import { COMMITMENT_RATE_SQL, type Queryable } from '../db.js';

export interface CommitmentExposure {
  channel: string;
  /** Still to pay from the as-of date to the commitments' ends, base currency. */
  remaining: number;
  /** Of which can be cancelled, and what cancelling all of it would cost. */
  cancellable: number;
  cancelFees: number;
  commitments: number;
}

/**
 * What is still to be paid per channel after `asOf` (amounts run evenly from start to end), and how
 * much of it could be cancelled at what fee.
 */
export async function committedSpend(db: Queryable, asOf: string): Promise<CommitmentExposure[] | null> {
  const [{ n } = { n: 0 }] = await db.rows<{ n: number }>(`SELECT count(*) AS n FROM commitments`);
  if (n === 0) return null;
  return db.rows<CommitmentExposure>(
    `WITH c AS (
       SELECT *, ${COMMITMENT_RATE_SQL} AS rate FROM commitments),
     b AS (
       SELECT *, amount * rate * greatest(0, date_diff('day', greatest(CAST($asOf AS DATE) + 1, start_date), end_date) + 1)
                  / (date_diff('day', start_date, end_date) + 1) AS remaining_base
       FROM c)
     SELECT channel, sum(remaining_base) AS remaining,
       coalesce(sum(remaining_base) FILTER (WHERE cancellable), 0) AS cancellable,
       -- The fee is in the commitment's currency, like its amount.
       coalesce(sum(cancel_fee * rate) FILTER (WHERE cancellable AND remaining_base > 0), 0) AS "cancelFees",
       count(*) AS commitments
     FROM b GROUP BY channel ORDER BY remaining DESC, channel`,
    { asOf },
  );
}
