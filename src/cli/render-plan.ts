import { formatMoney, type DemoRun, type PlanRun } from '../engine.js';
import { table } from './output.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function renderPlan(r: PlanRun, showFrontier: boolean): string {
  const money = (x: number) => formatMoney(x, r.baseCurrency);
  const level = Math.round(r.alpha * 100);
  const risk =
    r.risk.kind === 'lambda'
      ? `maximise expected profit − ${r.risk.lambda} × CVaR${level}`
      : `maximise expected profit with CVaR${level} ≤ ${money(r.risk.limit)}`;
  const c = r.choices;
  const out: string[] = [
    `${r.scenario.name}: plan from ${r.scenario.start} (${r.baseCurrency}); ${risk}`,
    `  chose among ${c.transfers} transfers, ${c.redirects} redirections, ${c.open} openings, ${c.budget} budgets, ${c.cancel} cancellations on ${r.inSample.paths.toLocaleString('en-US')} paths`,
    '',
  ];
  if (r.actions.length === 0) out.push('Do nothing: no decision improves the objective on these paths.');
  else {
    out.push('Actions:');
    for (const a of r.actions) out.push(`  - ${a.text}`);
  }
  const o = r.outOfSample;
  out.push(
    '',
    `Measured on ${o.paths.toLocaleString('en-US')} fresh paths (seed ${o.seed}) the optimiser did not see:`,
  );
  out.push(
    table(
      ['', 'expected profit', '± stderr', `CVaR${level} of loss`, '± stderr'],
      [
        [
          'do nothing',
          Math.round(o.doNothing.expectedProfit),
          Math.round(o.doNothing.expectedProfitStderr),
          Math.round(o.doNothing.cvar),
          Math.round(o.doNothing.cvarStderr),
        ],
        [
          'plan',
          Math.round(o.expectedProfit),
          Math.round(o.expectedProfitStderr),
          Math.round(o.cvar),
          Math.round(o.cvarStderr),
        ],
      ],
    ),
  );
  out.push(
    `The plan beats doing nothing in ${pct(o.probBeatsDoNothing)} of paths (± ${pct(o.probBeatsDoNothingStderr)}); mean gain ${money(o.gain.mean)} ± ${money(o.gain.stderr)}.`,
    `Objective ${money(r.objective)} in sample, ${money(o.objective)} out of sample: optimism ${money(r.optimism)}; of the improvement over doing nothing, ${money(r.gainOptimism)}.`,
  );
  out.push(...comparedLines(r), ...stabilityLines(r));
  if (showFrontier) {
    out.push('', 'Efficient frontier (in sample; fresh paths where measured):');
    out.push(
      table(
        ['λ', 'expected profit', `CVaR${level}`, 'actions', 'fresh: profit', `fresh: CVaR${level}`],
        r.frontier.map((f) => [
          f.lambda,
          Math.round(f.expectedProfit),
          Math.round(f.cvar),
          f.actions,
          f.outOfSample ? Math.round(f.outOfSample.expectedProfit) : null,
          f.outOfSample ? Math.round(f.outOfSample.cvar) : null,
        ]),
      ),
    );
  }
  out.push(
    `${r.solver.method === 'decomposition' ? `Solved by decomposition (${r.solver.iterations} second-stage evaluations, within ${money(r.solver.gap)} of the optimum); master` : 'Model'}: ${r.model.columns.toLocaleString('en-US')} columns, ${r.model.rows.toLocaleString('en-US')} rows, ${r.model.integers} integer; simulate ${r.seconds.simulate.toFixed(1)} s, build ${r.seconds.build.toFixed(1)} s, solve ${r.seconds.solve.toFixed(1)} s, measure ${r.seconds.evaluate.toFixed(1)} s, stability ${r.seconds.stability.toFixed(1)} s.`,
  );
  for (const n of r.notes) out.push(`note: ${n}`);
  out.push('', `Stored as ${r.runId}.`);
  return out.join('\n');
}

/** The optimiser's plan beside the simple rules and the user's plans, on the same fresh paths. */
function comparedLines(r: PlanRun): string[] {
  if (r.compared.length === 0) return [];
  const level = Math.round(r.alpha * 100);
  const lambda = r.risk.kind === 'lambda' ? r.risk.lambda : 0;
  const o = r.outOfSample;
  const row = (
    name: string,
    x: { objective: number; objectiveStderr: number; expectedProfit: number; cvar: number },
    beats: number,
    versus: string,
  ) => [
    name,
    `${Math.round(x.objective)} ± ${Math.round(x.objectiveStderr)}`,
    Math.round(x.expectedProfit),
    Math.round(x.cvar),
    pct(beats),
    versus,
  ];
  return [
    '',
    `Compared on the same fresh paths (objective = expected profit − ${lambda} × CVaR${level}; the last column is each plan minus the optimiser's, paired path by path):`,
    table(
      ['plan', 'objective ± stderr', 'expected profit', `CVaR${level}`, 'beats nothing', 'vs optimiser'],
      [
        row('optimiser', o, o.probBeatsDoNothing, ''),
        ...r.compared.map((c) =>
          row(
            `${c.name}${c.source === 'file' ? ' (your file)' : ''}`,
            c,
            c.probBeatsDoNothing,
            `${Math.round(c.versusPlan.mean)} ± ${Math.round(c.versusPlan.stderr)}${c.versusPlan.mean > 2 * c.versusPlan.stderr ? ' better' : ''}`,
          ),
        ),
      ],
    ),
  ];
}

/** How often each action is chosen when the plan is solved again on resampled paths. */
function stabilityLines(r: PlanRun): string[] {
  if (r.stability.resamples === 0) return [];
  return [
    '',
    r.stability.statement,
    table(
      ['action', 'in plan', 'chosen', 'quantity min', 'median', 'max'],
      r.stability.rows.map((s) => [
        s.action,
        s.inPlan ? 'yes' : '',
        `${pct(s.chosen)}${s.coinToss ? ' (coin toss)' : ''}`,
        Math.round(s.quantity.min),
        Math.round(s.quantity.median),
        Math.round(s.quantity.max),
      ]),
    ),
  ];
}

export function renderDemo(r: DemoRun): string {
  const total = r.steps.reduce((sum, s) => sum + s.seconds, 0);
  return [
    `Demo seller (seed ${r.seed}) in ${r.dir}/: ${r.imported.files.length} export files, ${r.imported.added.toLocaleString('en-US')} order lines imported, ${r.imported.rejects} rejects.`,
    '',
    table(
      ['step', 'seconds', ''],
      [
        ...r.steps.map((s) => [s.step, Number(s.seconds.toFixed(1)), s.detail]),
        ['total', Number(total.toFixed(1)), ''],
      ],
    ),
    '',
    `Report: ${r.reports.en}  (中文: ${r.reports['zh-CN']})`,
    '',
    ...r.takeaways.map((t, i) => `${i + 1}. ${t}`),
    '',
    `Try it yourself: npx ballast --db ${r.db} plan ${r.scenario} --frontier`,
    `Open this seller in the dashboard: npx ballast serve --db ${r.db}`,
  ].join('\n');
}
