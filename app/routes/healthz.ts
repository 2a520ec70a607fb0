import { checkDatabase } from "~/models/health.server";

// Answers on any host (Fly checks by IP), so it sits outside tenant resolution.
export async function loader() {
  const started = performance.now();
  const ok = await checkDatabase();
  const body = { status: ok ? "ok" : "unavailable", database: ok, ms: Math.round(performance.now() - started) };
  return Response.json(body, { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
