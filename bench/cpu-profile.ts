// Reads the V8 CPU profile a server wrote (node --cpu-prof) and says where its busy time went:
// the top self-time entries, and the same time by package. Used by bench:booking and
// bench:schedule with BENCH_PROFILE=1.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
};
type CpuProfile = { nodes: ProfileNode[]; startTime: number; samples: number[]; timeDeltas: number[] };

/** CLOCK_MONOTONIC in microseconds: the clock V8 stamps profile samples with, in any process. */
export const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);

/** The largest .cpuprofile in `dir`: tsx's own launcher writes a small one beside the server's. */
export function largestProfile(dir: string): string | undefined {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".cpuprofile"))
    .map((f) => path.join(dir, f));
  return files.sort((a, b) => statSync(b).size - statSync(a).size)[0];
}

const packageOf = (url: string) => {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (match) return match[1] as string;
  if (url.startsWith("node:") || url === "") return "node (built-in)";
  if (url.includes("/build/")) return "app (build/index.js)";
  return path.relative(process.cwd(), url.replace(/^file:\/\//, ""));
};

const where = (url: string, line: number) => {
  const file = url.replace(/^file:\/\//, "").replace(/.*node_modules\//, "");
  return file ? `${path.relative(process.cwd(), file).replace(/^(\.\.\/)+/, "")}:${line + 1}` : "";
};

/**
 * Self time by function and by package between `from` and `to` (monotonic µs), idle left out:
 * the share of busy time each took.
 */
export function summariseProfile(file: string, window?: { from: number; to: number }, top = 10): string[] {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  let busy = 0;
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (window && (at < window.from || at > window.to)) continue;
    const node = byId.get(profile.samples[i] as number);
    if (!node || node.callFrame.functionName === "(idle)") continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || "(anonymous)"}  ${where(url, lineNumber)}`.trim();
    byFunction.set(key, (byFunction.get(key) ?? 0) + delta);
    const pkg = url ? packageOf(url) : functionName;
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + delta);
    busy += delta;
  }
  const share = (us: number) => `${((100 * us) / busy).toFixed(1).padStart(5)}%`;
  const ranked = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]).slice(0, top);
  return [
    `busy ${(busy / 1000).toFixed(0)} ms of CPU in the window; top ${top} by self time:`,
    ...ranked(byFunction).map(([key, us]) => `  ${share(us)}  ${key}`),
    `by package (self time):`,
    ...ranked(byPackage).map(([key, us]) => `  ${share(us)}  ${key}`),
  ];
}
