/** pg-boss's SQL texts, untyped by the package: jobs/enqueue.ts runs its batch insert itself. */
declare module "pg-boss/src/plans.js" {
  const plans: { insertJobs(schema: string): string };
  export default plans;
}
