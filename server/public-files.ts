import { readdirSync } from "node:fs";
import path from "node:path";
import express from "express";

type StaticOptions = Parameters<typeof express.static>[1];

/**
 * express.static over `dir`, asked only about paths that can name something in it. Asked about
 * every request, it cost each API call and page a stat of the disk and send's not-found path
 * before going on (~10% of /healthz's CPU under load). `dir`'s own entries are read once, at
 * start: public/ ships with the build, and the build writes only inside public/build.
 */
export function publicFiles(dir: string, options: StaticOptions): express.RequestHandler {
  const serve = express.static(dir, options);
  const entries = new Set(readdirSync(dir));
  return (req, res, next) => (mayNameAFile(entries, req.path) ? serve(req, res, next) : next());
}

/**
 * Whether `pathname` can lead to an entry of the folder: its first segment once decoded and
 * normalised as send (express.static's reader) does, so "/x/../favicon.svg" still counts. A path
 * send would refuse (undecodable, "..") is left to it, to refuse as before.
 */
export function mayNameAFile(entries: ReadonlySet<string>, pathname: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return true;
  }
  const first = path.posix.normalize(`./${decoded}`).split("/")[0] as string;
  return first === ".." || entries.has(first);
}
