// Starts GraphiQL (from @graphql-yoga/graphiql, served by this server) with the options the server
// put in the page. An external file because the page's CSP allows no inline script.
// The Monaco workers are same-origin files, so they are started from their URLs directly (yoga's CDN
// page fetches them and wraps them in blob: URLs, which a strict worker-src would refuse).
const WORKERS = {
  editorWorkerService: "/assets/graphiql/workers/editor.worker.js",
  json: "/assets/graphiql/workers/json.worker.js",
  graphql: "/assets/graphiql/workers/graphql.worker.js",
};
self.MonacoEnvironment = {
  globalAPI: false,
  getWorkerUrl: (_moduleId, label) => WORKERS[label] ?? WORKERS.editorWorkerService,
};
const options = JSON.parse(document.getElementById("graphiql-options").textContent);
// @graphql-yoga/graphiql 4.4.4 opens its `query` option (or ?query= in the URL), not `defaultQuery`.
if (options.defaultQuery && !options.query) options.query = options.defaultQuery;
// eslint-disable-next-line no-undef
YogaGraphiQL.renderYogaGraphiQL(document.getElementById("root"), options);
