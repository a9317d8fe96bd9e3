/**
 * The API reference page: a small page of its own that reads /api/v1/openapi.json and lists every
 * route with its parameters, bodies and answers. No CDN, no framework; the token (when the server
 * needs one) is the dashboard's, from localStorage.
 */
export const DOCS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Ballast API</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:960px;padding:1rem 1.5rem;color:#1f2937}
h1{font-size:1.5rem}h2{font-size:1rem;margin:1.5rem 0 .25rem;font-family:ui-monospace,monospace}
.m{display:inline-block;min-width:4.5rem;font-weight:700}.get{color:#2f7d4a}.post{color:#4e79a7}.put{color:#b07a1f}.delete{color:#b4413c}
pre{background:#f6f7f9;padding:.5rem;overflow:auto;font-size:12px;max-height:20rem}details{margin:.25rem 0}
</style></head><body>
<h1>Ballast API</h1>
<p>Base path <code>/api/v1</code>. The machine-readable document: <a href="openapi.json">openapi.json</a> (OpenAPI 3.1).
Errors: <code>{"error": {"code", "message", "hint"?, "path"?, "line"?, "column"?, "id"?}}</code>.</p>
<main id="routes">Loading…</main>
<script>
const token = localStorage.getItem('ballast.token');
fetch('openapi.json', { headers: token ? { Authorization: 'Bearer ' + token } : {} })
  .then((r) => (r.ok ? r.json() : Promise.reject(new Error(r.status + ' ' + r.statusText))))
  .then((doc) => {
    const main = document.getElementById('routes');
    main.textContent = '';
    const resolve = (s) => (s && s.$ref ? doc.components.schemas[s.$ref.split('/').pop()] : s);
    const block = (title, value) => {
      const d = document.createElement('details');
      const s = document.createElement('summary');
      s.textContent = title;
      const pre = document.createElement('pre');
      pre.textContent = JSON.stringify(value, (k, v) => (k === '$ref' ? v.split('/').pop() : v), 2);
      d.append(s, pre);
      return d;
    };
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const h = document.createElement('h2');
        const m = document.createElement('span');
        m.className = 'm ' + method;
        m.textContent = method.toUpperCase();
        h.append(m, '/api/v1' + path);
        const p = document.createElement('p');
        p.textContent = op.summary || '';
        main.append(h, p);
        if (op.parameters) main.append(block('parameters', op.parameters.map((x) => ({ name: x.name, in: x.in, required: x.required, schema: resolve(x.schema) }))));
        if (op.requestBody) main.append(block('body', op.requestBody.content));
        main.append(block('responses', Object.fromEntries(Object.entries(op.responses).map(([k, v]) => [k, v.description]))));
      }
    }
  })
  .catch((e) => { document.getElementById('routes').textContent = 'Cannot read openapi.json: ' + e.message; });
</script></body></html>`;
