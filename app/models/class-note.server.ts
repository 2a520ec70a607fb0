import { eq } from "drizzle-orm";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";
import type { ClassNote } from "~db/schema/tenant";

/** What the instructor wrote about one class on its date, if anything. */
export async function findClassNote(x: Executor, { t }: Tenant, occurrenceId: string): Promise<ClassNote | undefined> {
  const [row] = await x.select().from(t.classNotes).where(eq(t.classNotes.occurrenceId, occurrenceId)).limit(1);
  return row;
}

/** Writes the class's one note, replacing what was there (the latest writer is its author). */
export async function upsertClassNote(
  x: Executor,
  { t }: Tenant,
  note: { occurrenceId: string; body: string; authorId: string },
): Promise<ClassNote> {
  const [row] = await x
    .insert(t.classNotes)
    .values(note)
    .onConflictDoUpdate({
      target: t.classNotes.occurrenceId,
      set: { body: note.body, authorId: note.authorId, updatedAt: new Date() },
    })
    .returning();
  if (!row) throw new Error("upsert returned no note");
  return row;
}

/** Clears the class's note; whether there was one. */
export async function deleteClassNote(x: Executor, { t }: Tenant, occurrenceId: string): Promise<boolean> {
  const rows = await x
    .delete(t.classNotes)
    .where(eq(t.classNotes.occurrenceId, occurrenceId))
    .returning({ id: t.classNotes.occurrenceId });
  return rows.length > 0;
}
