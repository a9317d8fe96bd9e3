/** Scenario text checked against the workspace, a starter, and scenarios saved in the workspace. */
import { z } from 'zod';
import { BallastError } from '../../errors.js';
import { errors, parse, route, state, type App, type Ctx } from '../http.js';

/** Scenario files are a few kilobytes; this refuses a mistaken upload before parsing it. */
const MAX_SCENARIO_BYTES = 1_000_000;
const nameParam = z.object({
  name: z
    .string()
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9 _.-]{0,99}$/,
      'a name of letters, digits, spaces, dots, dashes or underscores',
    ),
});
const yamlBody = { content: { 'application/yaml': { schema: z.string() } }, required: true };
const checked = z.object({
  ok: z.literal(true),
  name: z.string(),
  start: z.string(),
  description: z.array(z.string()),
  warnings: z.array(z.string()),
});
const listed = z.object({ name: z.string(), updatedAt: z.string() });

async function yamlText(c: Ctx): Promise<string> {
  const text = await c.req.text();
  if (Buffer.byteLength(text) > MAX_SCENARIO_BYTES)
    throw new BallastError(
      'bad-input',
      `the scenario is ${Buffer.byteLength(text).toLocaleString('en-US')} bytes, too big`,
      {
        hint: 'Scenario files are a few kilobytes; check that this is the right text.',
      },
    );
  return text;
}

export function scenarioRoutes(app: App): void {
  route(
    app,
    {
      method: 'post',
      path: '/scenarios/check',
      summary: 'Check scenario YAML against the workspace; errors carry key path, line and column',
      request: { body: yamlBody },
      responses: {
        200: { description: 'valid', content: { 'application/json': { schema: checked } } },
        ...errors(422),
      },
    },
    async (c) => {
      const result = await state(c).ws.checkScenario({ text: await yamlText(c), name: 'scenario.yaml' });
      return c.json({ ok: true, ...result });
    },
  );
  route(
    app,
    {
      method: 'get',
      path: '/scenarios/starter',
      summary: "A commented starter scenario for the workspace's channels",
      responses: {
        200: {
          description: 'YAML text',
          content: { 'application/json': { schema: z.object({ yaml: z.string() }) } },
        },
      },
    },
    async (c) => c.json({ yaml: await state(c).ws.newScenario() }),
  );
  route(
    app,
    {
      method: 'get',
      path: '/scenarios',
      summary: 'Scenarios saved in the workspace',
      responses: {
        200: { description: 'names', content: { 'application/json': { schema: z.array(listed) } } },
      },
    },
    async (c) => c.json(await state(c).ws.scenarios()),
  );
  route(
    app,
    {
      method: 'get',
      path: '/scenarios/{name}',
      summary: 'One saved scenario',
      request: { params: nameParam },
      responses: {
        200: {
          description: 'its YAML',
          content: { 'application/json': { schema: listed.extend({ yaml: z.string() }) } },
        },
        ...errors(404),
      },
    },
    async (c) => {
      const { name } = parse(nameParam, c.req.param());
      const saved = await state(c).ws.savedScenario(name);
      if (!saved) throw unknownScenario(name);
      return c.json(saved);
    },
  );
  route(
    app,
    {
      method: 'put',
      path: '/scenarios/{name}',
      summary: 'Save a scenario (checked first; 422 as /scenarios/check when invalid)',
      request: { params: nameParam, body: yamlBody },
      responses: {
        200: { description: 'saved', content: { 'application/json': { schema: listed } } },
        ...errors(400, 422),
      },
    },
    async (c) => {
      const { name } = parse(nameParam, c.req.param());
      return c.json(await state(c).ws.saveScenario(name, await yamlText(c)));
    },
  );
  route(
    app,
    {
      method: 'delete',
      path: '/scenarios/{name}',
      summary: 'Delete a saved scenario',
      request: { params: nameParam },
      responses: { 204: { description: 'deleted (or was not there)' }, ...errors(400) },
    },
    async (c) => {
      const { name } = parse(nameParam, c.req.param());
      await state(c).ws.deleteScenario(name);
      return c.body(null, 204);
    },
  );
}

export function unknownScenario(name: string): BallastError {
  return new BallastError('not-found', `no saved scenario named ${name}`, {
    hint: 'List the saved scenarios (GET /api/v1/scenarios), or send the YAML text as `scenario`.',
  });
}
