/** Read-only routes: the same JSON as the CLI's `--json`, the HTML report, and every table as a file. */
import { z } from 'zod';
import * as engine from '../../engine.js';
import { errors, parse, route, same, state, type App } from '../http.js';
import { VERSION } from '../version.js';

const json = { 'application/json': { schema: z.looseObject({}) } };
const tableQuery = engine.tableOptions.extend({ format: z.enum(engine.TABLE_FORMATS).default('csv') });
const reportQuery = engine.reportOptions.extend({ download: z.enum(['0', '1']).optional() });

export function readRoutes(app: App): void {
  route(
    app,
    {
      method: 'get',
      path: '/health',
      summary: 'The server is up (no token needed)',
      responses: {
        200: {
          description: 'ok',
          content: { 'application/json': { schema: z.object({ ok: z.literal(true), version: z.string() }) } },
        },
      },
    },
    async (c) => c.json({ ok: true, version: VERSION }),
  );
  route(
    app,
    {
      method: 'get',
      path: '/status',
      summary: 'What the workspace holds (as `ballast status --json`)',
      responses: { 200: same('files, totals per channel × market × currency, rejects waiting') },
    },
    async (c) => c.json(await state(c).ws.status()),
  );
  route(
    app,
    {
      method: 'get',
      path: '/rejects',
      summary: 'Rows that could not be read (as `ballast rejects --json`)',
      request: { query: engine.rejectsOptions },
      responses: {
        200: same('total, and the first `limit` rejects with file, line, column, value, reason'),
        ...errors(400),
      },
    },
    async (c) => c.json(await state(c).ws.rejects(parse(engine.rejectsOptions, c.req.query()))),
  );
  route(
    app,
    {
      method: 'get',
      path: '/exposure',
      summary: 'Exposure over a window (as `ballast exposure --json`)',
      request: { query: engine.exposureOptions },
      responses: {
        200: same('shares, concentration, SKU dependency, locked stock, commitments, halo, alerts'),
        ...errors(400),
      },
    },
    async (c) => c.json(await state(c).ws.exposure(parse(engine.exposureOptions, c.req.query()))),
  );
  route(
    app,
    {
      method: 'get',
      path: '/events',
      summary: 'The historical event library (as `ballast events --json`)',
      responses: {
        200: {
          description: 'library entries',
          content: { 'application/json': { schema: z.array(z.looseObject({})) } },
        },
      },
    },
    async (c) => c.json(engine.events()),
  );
  route(
    app,
    {
      method: 'get',
      path: '/forecast/backtest',
      summary: 'Baseline forecast accuracy (as `ballast forecast --backtest --json`)',
      responses: { 200: { description: 'accuracy rows', content: json }, ...errors(422) },
    },
    async (c) => c.json(await state(c).ws.forecastBacktest()),
  );
  route(
    app,
    {
      method: 'get',
      path: '/report',
      summary: 'The HTML report (download=1 adds Content-Disposition: attachment)',
      request: { query: reportQuery },
      responses: {
        200: {
          description: 'one self-contained HTML file',
          content: { 'text/html': { schema: z.string() } },
        },
        ...errors(400),
      },
    },
    async (c) => {
      const { download, ...options } = parse(reportQuery, c.req.query());
      const { html, lang } = await state(c).ws.report(options);
      const name = lang === 'en' ? 'ballast-report.html' : `ballast-report.${lang}.html`;
      return c.body(html, 200, {
        'Content-Type': 'text/html; charset=utf-8',
        ...(download === '1' ? { 'Content-Disposition': `attachment; filename="${name}"` } : {}),
      });
    },
  );
  route(
    app,
    {
      method: 'get',
      path: '/tables/{table}',
      summary: 'A table as a CSV or XLSX download',
      request: { params: z.object({ table: z.enum(engine.TABLES) }), query: tableQuery },
      responses: {
        200: {
          description: 'the table (Content-Disposition: attachment)',
          content: {
            'text/csv': { schema: z.string() },
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string() },
          },
        },
        ...errors(400, 404),
      },
    },
    async (c) => {
      const name = parse(z.object({ table: z.enum(engine.TABLES) }), { table: c.req.param('table') }).table;
      const { format, ...options } = parse(tableQuery, c.req.query());
      const file = await engine.tableFile(await state(c).ws.table(name, options), format);
      return c.body(new Uint8Array(file.body), 200, {
        'Content-Type': file.contentType,
        'Content-Disposition': `attachment; filename="${file.fileName}"`,
      });
    },
  );
}
