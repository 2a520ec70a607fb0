import { Zip, ZipDeflate } from "fflate";

/**
 * A file of an archive: fixed text, or parts produced one at a time (`next` returns null when
 * there are no more), so a file larger than memory can still be written.
 */
export type ArchiveEntry = { name: string; text: string } | { name: string; next: () => Promise<string | null> };

/**
 * A ZIP archive as a stream, written as it is read: each time the reader wants bytes and none
 * are waiting, one more part of one file is produced and compressed. Nothing is produced ahead
 * of the reader, so memory holds one part at a time however large the archive grows; a reader
 * that stops early (a cancelled download) stops the reading of parts too.
 */
export function zipStream(entries: ArchiveEntry[], modified: Date): ReadableStream<Uint8Array> {
  const ready: Uint8Array[] = [];
  let failure: Error | null = null;
  let finished = false;
  const zip = new Zip((error, chunk, final) => {
    if (error) failure = error;
    else {
      ready.push(chunk);
      if (final) finished = true;
    }
  });
  const steps = writeEntries(zip, entries, modified);
  let written = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      // A pull that enqueues nothing is never called again: keep producing until bytes are ready.
      while (ready.length === 0 && !finished) {
        if (written) throw new Error("The archive ended without its last bytes.");
        written = (await steps.next()).done === true;
        if (written) zip.end();
        if (failure) throw failure;
      }
      for (const chunk of ready.splice(0)) controller.enqueue(chunk);
      if (finished && ready.length === 0) controller.close();
    },
    async cancel() {
      await steps.return(undefined);
    },
  });
}

const encoder = new TextEncoder();

/** Adds the files one after another; each `yield` is one part handed to the compressor. */
async function* writeEntries(zip: Zip, entries: ArchiveEntry[], modified: Date) {
  for (const entry of entries) {
    const file = new ZipDeflate(entry.name, { level: 6 });
    file.mtime = modified;
    zip.add(file);
    if ("text" in entry) {
      file.push(encoder.encode(entry.text), true);
      yield;
      continue;
    }
    for (let part = await entry.next(); part !== null; part = await entry.next()) {
      file.push(encoder.encode(part));
      yield;
    }
    file.push(new Uint8Array(0), true);
    yield;
  }
}
