import { eq } from "drizzle-orm";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";
import type { ClientCard } from "~db/schema/tenant";

export type SavedCard = Omit<ClientCard, "savedAt">;

/** The client's card on file on the studio's connected account, if they kept one. */
export async function findClientCard(x: Executor, { t }: Tenant, clientId: string): Promise<ClientCard | undefined> {
  const [row] = await x.select().from(t.clientCards).where(eq(t.clientCards.clientId, clientId)).limit(1);
  return row;
}

/** Keeps the latest card a client agreed to leave on file (one per client). */
export async function saveClientCard(x: Executor, { t }: Tenant, card: SavedCard): Promise<ClientCard> {
  const [row] = await x
    .insert(t.clientCards)
    .values(card)
    .onConflictDoUpdate({ target: t.clientCards.clientId, set: { ...card, savedAt: new Date() } })
    .returning();
  if (!row) throw new Error("card not saved");
  return row;
}

export async function deleteClientCard(x: Executor, { t }: Tenant, clientId: string): Promise<boolean> {
  const rows = await x.delete(t.clientCards).where(eq(t.clientCards.clientId, clientId)).returning();
  return rows.length > 0;
}
