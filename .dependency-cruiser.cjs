/**
 * Import boundaries, checked by `npm run lint` (dependency-cruiser). The layering follows the
 * README's architecture: boundaries (app/, components/) call lib/ services; services never reach
 * back up; the workflow → hitl → engine → tasks layering has no cycles.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: "no-folder-cycles-in-lib",
      comment: "Folders of lib/ must form a DAG: a cycle between two services means one of them owns the wrong thing.",
      severity: "error",
      scope: "folder",
      from: { path: "^lib/" },
      to: { path: "^lib/", circular: true },
    },
    {
      name: "no-module-cycles",
      severity: "error",
      from: { path: "^(lib|db|scripts)/" },
      to: { circular: true },
    },
    {
      name: "ui-never-imports-db",
      comment: "Pages, actions, route handlers and components go through lib/ services, never the database.",
      severity: "error",
      from: { path: "^(app|components)/" },
      to: { path: "^db/" },
    },
    {
      name: "lib-never-imports-ui",
      severity: "error",
      from: { path: "^lib/" },
      to: { path: "^(app|components)/" },
    },
    {
      name: "workflows-use-hitl-not-the-engine",
      comment: "A workflow pauses through lib/hitl; it never drives the engine or writes tasks itself.",
      severity: "error",
      from: { path: "^lib/(workflows|hitl)/" },
      to: { path: "^lib/(engine|tasks|api)/" },
    },
    {
      name: "hitl-is-pure",
      comment: "lib/hitl is what workflow authors import: it must not pull in services.",
      severity: "error",
      from: { path: "^lib/hitl/" },
      to: { path: "^(lib/(?!hitl/|contract/)|db/)" },
    },
    {
      name: "tasks-do-not-drive-the-engine",
      comment: "The engine drives tasks (interrupt → task); tasks only enqueue the run's next job.",
      severity: "error",
      from: { path: "^lib/tasks/" },
      to: { path: "^lib/engine/" },
    },
    {
      name: "services-do-not-import-api-plumbing",
      severity: "error",
      from: { path: "^lib/(?!api/)" },
      to: { path: "^lib/api/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: ["^(node_modules|\\.next|\\.data|e2e/\\.output|db/migrations)", "\\.test\\.tsx?$"] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"] },
  },
};
