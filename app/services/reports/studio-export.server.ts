import { DateTime } from "luxon";
import { assertCan } from "~/services/identity/permissions";
import { csvLine } from "~/services/payments/csv";
import { studioTimezone } from "~/services/studio/time.server";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { type ExportFile, exportFiles } from "./studio-export-files.server";
import { type ArchiveEntry, zipStream } from "./zip-stream.server";

/** Rows read per query: a page of the largest file is a few hundred kilobytes of CSV. */
const PAGE_SIZE = 1000;

/**
 * Everything the studio holds, for its owner to take away: one ZIP of CSV files (one per kind
 * of record) and a README.txt describing every column. Streamed: each file is read a page at a
 * time, only when the download has taken what came before, so memory stays flat however large
 * the studio. No secret is in it (passwords, sign-in tokens, sessions, API tokens, calendar-feed
 * links, and the bodies of messages that carried a one-time link).
 */
export async function studioExport(tenant: Tenant, actor: User, now: Date, pageSize = PAGE_SIZE) {
  assertCan(actor, "studio.export");
  const zone = await studioTimezone(tenant);
  const files = exportFiles(tenant.studio.currency);
  const entries: ArchiveEntry[] = [
    { name: "README.txt", text: exportReadme(tenant.studio.name, files, now, zone) },
    ...files.map((f) => csvEntry(tenant, f, pageSize)),
  ];
  const day = DateTime.fromJSDate(now, { zone }).toISODate();
  return { stream: zipStream(entries, now), filename: `${tenant.studio.slug}-export-${day}.zip` };
}

function csvEntry(tenant: Tenant, file: ExportFile, pageSize: number): ArchiveEntry {
  let started = false;
  let after: string | null = null;
  let done = false;
  return {
    name: file.name,
    async next() {
      if (!started) {
        started = true;
        // The byte-order mark tells spreadsheet programs the file is UTF-8 ("Chloé", "£").
        return `\uFEFF${csvLine(file.columns.map((c) => c.name))}`;
      }
      if (done) return null;
      const { lines, last } = await file.page(database(), tenant, after, pageSize);
      after = last;
      done = last === null;
      return lines.map(csvLine).join("");
    },
  };
}

/** README.txt: what the archive is, then each file and every one of its columns. */
function exportReadme(studioName: string, files: ExportFile[], now: Date, zone: string): string {
  const local = DateTime.fromJSDate(now, { zone }).toFormat("d LLLL yyyy, HH:mm");
  const lines = [
    `${studioName}: all of the studio's data`,
    `Exported ${now.toISOString()} (${local}, ${zone}).`,
    "",
    "Each .csv file below is one kind of record: comma-separated, UTF-8 (with a byte-order mark so",
    "spreadsheets read accents and currency signs), one header line, lines ending CRLF. Ids join",
    "the files together. Times ending _at are ISO 8601 instants in UTC; _local columns are the",
    "same moment on the location's own clock. Money is a decimal amount beside a currency column.",
    "Text a spreadsheet would run as a formula starts with an apostrophe.",
    "",
    "Not included, on purpose: passwords (only ever kept hashed), sign-in and invitation tokens,",
    "sessions, API tokens, calendar-feed links, saved-card references, and the text of messages",
    "that carried a one-time link.",
    "",
  ];
  for (const file of files) {
    lines.push(`${file.name}: ${file.about}`);
    for (const column of file.columns) lines.push(`  ${column.name}: ${column.meaning}`);
    lines.push("");
  }
  return lines.join("\r\n");
}

/** The export page: what the archive holds, file by file, for the owner alone. */
export function studioExportContents(tenant: Tenant, actor: User) {
  assertCan(actor, "studio.export");
  return {
    studioName: tenant.studio.name,
    files: exportFiles(tenant.studio.currency).map((f) => ({
      name: f.name,
      about: f.about,
      columns: f.columns.length,
    })),
  };
}
