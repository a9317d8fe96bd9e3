/**
 * Work that takes longer than a request: simulations, plans and loading the demo seller run as jobs
 * (202 with the job); their progress and end arrive as server-sent events; stored runs are read back
 * as the CLI's `--json`.
 */
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import * as engine from '../../engine.js';
import { BallastError } from '../../errors.js';
import { errors, parse, route, same, state, type App, type Ctx } from '../http.js';
import { JOB_KINDS, JOB_STATES, type JobEvent } from '../jobs.js';
import { unknownScenario } from './scenarios.js';

const jobSchema = z
  .object({
    id: z.string(),
    kind: z.enum(JOB_KINDS),
    state: z.enum(JOB_STATES),
    progress: z.object({ stage: z.string(), done: z.number(), total: z.number() }).nullable(),
    createdAt: z.string(),
    finishedAt: z.string().optional(),
    runId: z.string().optional(),
    error: z.object({ code: z.string(), message: z.string(), hint: z.string().optional() }).optional(),
  })
  .meta({ id: 'Job' });
const accepted = {
  description: 'started',
  content: { 'application/json': { schema: z.object({ job: jobSchema }) } },
};
const oneJob = { description: 'the job', content: { 'application/json': { schema: jobSchema } } };

/** Which scenario to run: its YAML text, or the name of one saved in the workspace. */
const source = z.object({
  scenario: z.string().max(1_000_000).optional(),
  name: z.string().min(1).max(100).optional(),
});
const simulationBody = source.extend(engine.simulateOptions.omit({ workers: true }).shape);
const planBody = source.extend(
  z.object(engine.planOptions.shape).omit({ workers: true, horizonDays: true }).shape,
);
const idParam = z.object({ id: z.string().min(1).max(100) });
const kindQuery = z.object({ kind: z.enum(['simulation', 'plan']).optional() });

async function scenarioOf(c: Ctx, body: z.output<typeof source>): Promise<engine.ScenarioSource> {
  if (body.scenario !== undefined && body.name !== undefined)
    throw new BallastError(
      'usage',
      'give either `scenario` (YAML text) or `name` (a saved scenario), not both',
    );
  if (body.scenario !== undefined) return { text: body.scenario, name: 'scenario.yaml' };
  if (body.name !== undefined) {
    const saved = await state(c).ws.savedScenario(body.name);
    if (!saved) throw unknownScenario(body.name);
    return { text: saved.yaml, name: saved.name };
  }
  throw new BallastError('usage', 'no scenario: give `scenario` (YAML text) or `name` (a saved scenario)', {
    hint: 'Save one with PUT /api/v1/scenarios/{name}, or send its YAML as `scenario`.',
  });
}

async function jsonBody(c: Ctx): Promise<unknown> {
  try {
    return await c.req.json();
  } catch (cause) {
    throw new BallastError('usage', 'the body is not JSON', {
      hint: 'Send Content-Type: application/json.',
      cause,
    });
  }
}

export function jobRoutes(app: App): void {
  route(
    app,
    {
      method: 'post',
      path: '/simulations',
      summary: 'Simulate a scenario (a job; the run is stored)',
      request: { body: { content: { 'application/json': { schema: simulationBody } }, required: true } },
      responses: { 202: accepted, ...errors(400, 404, 409) },
    },
    async (c) => {
      const { scenario, name, ...options } = parse(simulationBody, await jsonBody(c));
      const text = await scenarioOf(c, { scenario, name });
      const { ws, jobs } = state(c);
      const job = jobs.start('simulation', async ({ signal, progress }) => {
        const run = await ws.simulate(text, { ...options, signal, onProgress: progress });
        return { runId: run.runId };
      });
      return c.json({ job }, 202);
    },
  );
  route(
    app,
    {
      method: 'post',
      path: '/plans',
      summary: 'Plan for a scenario (a job; the plan is stored)',
      request: { body: { content: { 'application/json': { schema: planBody } }, required: true } },
      responses: { 202: accepted, ...errors(400, 404, 409) },
    },
    async (c) => {
      const { scenario, name, ...rest } = parse(planBody, await jsonBody(c));
      const options = parse(engine.planOptions, rest);
      const text = await scenarioOf(c, { scenario, name });
      const { ws, jobs } = state(c);
      const job = jobs.start('plan', async ({ signal, progress }) => {
        const run = await ws.plan(text, { ...options, signal, onProgress: progress });
        return { runId: run.runId };
      });
      return c.json({ job }, 202);
    },
  );
  route(
    app,
    {
      method: 'post',
      path: '/demo',
      summary: 'Load the demo seller into this (empty) workspace (a job)',
      responses: { 202: accepted, ...errors(409) },
    },
    async (c) => {
      const { ws, jobs } = state(c);
      if (await ws.hasOrders())
        throw new BallastError(
          'busy',
          'the workspace already holds orders; the demo seller loads only into an empty one',
          {
            hint: 'Serve a new workspace (ballast serve --db demo.duckdb) to look at the demo seller.',
          },
        );
      const job = jobs.start('demo', async ({ signal, progress }) => {
        await engine.loadDemoSeller(ws, { signal, onProgress: progress });
        return {};
      });
      return c.json({ job }, 202);
    },
  );
  route(
    app,
    {
      method: 'get',
      path: '/jobs',
      summary: 'Jobs, newest first',
      responses: {
        200: { description: 'jobs', content: { 'application/json': { schema: z.array(jobSchema) } } },
      },
    },
    async (c) => c.json(state(c).jobs.list()),
  );
  route(
    app,
    {
      method: 'get',
      path: '/jobs/{id}',
      summary: 'One job',
      request: { params: idParam },
      responses: { 200: oneJob, ...errors(404) },
    },
    async (c) => c.json(found(state(c).jobs.get(c.req.param('id') ?? ''), 'job')),
  );
  route(
    app,
    {
      method: 'delete',
      path: '/jobs/{id}',
      summary: 'Cancel a job',
      request: { params: idParam },
      responses: { 200: oneJob, ...errors(404) },
    },
    async (c) => c.json(found(state(c).jobs.cancel(c.req.param('id') ?? ''), 'job')),
  );
  route(
    app,
    {
      method: 'get',
      path: '/jobs/{id}/events',
      summary: 'Server-sent events: progress, then done, failed or cancelled (the stream then ends)',
      request: { params: idParam },
      responses: {
        200: { description: 'event stream', content: { 'text/event-stream': { schema: z.string() } } },
        ...errors(404),
      },
    },
    async (c) => {
      const { jobs } = state(c);
      const id = c.req.param('id') ?? '';
      found(jobs.get(id), 'job');
      return streamSSE(c, async (stream) => {
        const queue: JobEvent[] = [];
        let wake = () => {};
        const stop = jobs.listen(id, (event) => {
          queue.push(event);
          wake();
        });
        stream.onAbort(() => stop?.());
        for (;;) {
          const event = queue.shift();
          if (!event) {
            await new Promise<void>((resolve) => (wake = resolve));
            continue;
          }
          if (event.type === 'progress') {
            await stream.writeSSE({ event: 'progress', data: JSON.stringify(event.progress) });
            continue;
          }
          const kind =
            event.job.state === 'done' ? 'done' : event.job.state === 'cancelled' ? 'cancelled' : 'failed';
          await stream.writeSSE({ event: kind, data: JSON.stringify(event.job) });
          stop?.();
          return;
        }
      });
    },
  );
  route(
    app,
    {
      method: 'get',
      path: '/runs',
      summary: 'Stored simulation and plan runs, newest first',
      request: { query: kindQuery },
      responses: {
        200: { description: 'runs', content: { 'application/json': { schema: z.array(z.looseObject({})) } } },
        ...errors(400),
      },
    },
    async (c) => c.json(await state(c).ws.runs(parse(kindQuery, c.req.query()).kind)),
  );
  route(
    app,
    {
      method: 'get',
      path: '/runs/latest',
      summary: 'The newest stored run of a kind (as /runs/{id})',
      request: { query: kindQuery },
      responses: { 200: same('the run'), ...errors(400, 404) },
    },
    async (c) => {
      const { ws } = state(c);
      const kind = parse(kindQuery, c.req.query()).kind ?? 'simulation';
      const run = kind === 'plan' ? await ws.latestPlan() : await ws.latestSimulation();
      return c.json(found(run, `${kind} run`));
    },
  );
  route(
    app,
    {
      method: 'get',
      path: '/runs/{id}',
      summary: 'A stored run: exactly the JSON of `ballast simulate --json` or `ballast plan --json`',
      request: { params: idParam },
      responses: { 200: same('the run'), ...errors(404) },
    },
    async (c) => c.json(found(await state(c).ws.run(c.req.param('id') ?? ''), 'run').summary),
  );
}

function found<T>(value: T | null, what: string): T {
  if (value === null)
    throw new BallastError('not-found', `no such ${what}`, {
      hint: `List them first (GET /api/v1/${what === 'job' ? 'jobs' : 'runs'}).`,
    });
  return value;
}
