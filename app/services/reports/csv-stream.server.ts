import { csvLine } from "~/services/payments/csv";

/** One page of a CSV's lines and where the next page starts (null: this was the last). */
export type CsvPage<Cursor> = { rows: string[][]; next: Cursor | null };

/**
 * A CSV file as a stream: the header at once, then one page of lines each time the reader has
 * taken the last, so a large report or a studio's whole history never sits in memory. The
 * byte-order mark tells spreadsheet programs the file is UTF-8 ("Chloé", "£").
 */
export function csvStream<Cursor>(
  header: string[],
  page: (cursor: Cursor | null) => Promise<CsvPage<Cursor>>,
  options: { byteOrderMark?: boolean } = {},
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: Cursor | null = null;
  let done = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`${options.byteOrderMark === false ? "" : "\uFEFF"}${csvLine(header)}`));
    },
    async pull(controller) {
      if (done) return;
      const { rows, next } = await page(cursor);
      if (rows.length > 0) controller.enqueue(encoder.encode(rows.map(csvLine).join("")));
      cursor = next;
      if (next === null) {
        done = true;
        controller.close();
      }
    },
  });
}

/** A finished report's rows as a CSV stream (reports are summed by the database: a few hundred rows). */
export function csvOf(header: string[], rows: string[][]): ReadableStream<Uint8Array> {
  return csvStream<never>(header, async () => ({ rows, next: null }));
}
