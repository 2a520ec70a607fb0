import { type Refusal, RefusalAlert } from "~/components/booking-bits";

/**
 * The class page's waitlist: a client's own place in line (or the way to join it), and the line
 * as staff manage it. Plain forms, so they work without JavaScript on the client's page.
 */

/** What the action answered a waitlist form with: a refusal, or field errors. */
export type WaitlistReply = {
  intent: string;
  refusal?: Refusal;
  result?: { initialValue?: Record<string, unknown> | null; error?: Record<string, string[] | null> | null };
} | null;

const errorsOf = (reply: WaitlistReply, intent: string, entryId?: string) => {
  if (reply?.intent !== intent || !reply.result) return {};
  if (entryId && reply.result.initialValue?.entryId !== entryId) return {};
  return reply.result.error ?? {};
};
const refusalOf = (reply: WaitlistReply, ...intents: string[]) =>
  reply && intents.includes(reply.intent) ? (reply.refusal ?? null) : null;

type ClientPlace = { entryId: string; position: number; offerUntil: string | null };

/** A client's place in line, with the offer when one is open; or, when the class is full, the way in. */
export function ClientWaitlist({
  place,
  full,
  idempotencyKey,
  reply,
}: {
  place: ClientPlace | null;
  full: boolean;
  idempotencyKey: string;
  reply: WaitlistReply;
}) {
  const refusal = refusalOf(reply, "join-waitlist", "leave-waitlist", "take-offer", "decline-offer");
  if (place?.offerUntil)
    return (
      <div className="panel stack waitlist-offer" role="status">
        <RefusalAlert refusal={refusal} />
        <p>
          <strong>A place is yours until {place.offerUntil}.</strong> Take it before then, or let it go so the next
          person in line can have it.
        </p>
        <form method="post" className="stack">
          <input type="hidden" name="intent" value="take-offer" />
          <input type="hidden" name="entryId" value={place.entryId} />
          <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
          <button type="submit" className="wide">
            Take it
          </button>
        </form>
        <form method="post">
          <input type="hidden" name="intent" value="decline-offer" />
          <input type="hidden" name="entryId" value={place.entryId} />
          <button type="submit" className="secondary">
            Let it go
          </button>
        </form>
      </div>
    );
  if (place)
    return (
      <div className="panel stack" role="status">
        <RefusalAlert refusal={refusal} />
        <p>
          <strong>You're number {place.position} in line.</strong> If a place frees, we'll email and text you a link to
          take it.
        </p>
        <form method="post">
          <input type="hidden" name="intent" value="leave-waitlist" />
          <input type="hidden" name="entryId" value={place.entryId} />
          <button type="submit" className="secondary">
            Leave the waitlist
          </button>
        </form>
      </div>
    );
  if (!full) return null;
  return (
    <div className="panel stack">
      <RefusalAlert refusal={refusal} />
      <p>
        <strong>This class is full.</strong> Join the waitlist and we'll offer you a place if one frees.
      </p>
      <form method="post">
        <input type="hidden" name="intent" value="join-waitlist" />
        <button type="submit" className="wide">
          Join the waitlist
        </button>
      </form>
    </div>
  );
}

export type StaffLine = {
  capacity: number;
  booked: number;
  offeredSpots: number;
  mayChangeCapacity: boolean;
  mayAdd: boolean;
  clients: { id: string; fullName: string; email: string }[];
  line: { id: string; position: number; client: string; status: string; joinedAt: string; moveReason: string | null }[];
  history: { id: string; client: string; status: string; reason: string | null }[];
};

function FieldError({ errors }: { errors: string[] | null | undefined }) {
  return errors?.[0] ? <p className="field-error">{errors[0]}</p> : null;
}

/** The line for staff: order, status, and moving, removing and adding people; the class's places. */
export function StaffWaitlist({ w, reply }: { w: StaffLine; reply: WaitlistReply }) {
  const capacityErrors = errorsOf(reply, "capacity");
  const addErrors = errorsOf(reply, "waitlist-add");
  return (
    <section className="panel waitlist" id="waitlist" aria-labelledby="waitlist-title">
      <h2 id="waitlist-title">
        Waitlist <span className="muted">· {w.line.length} in line</span>
      </h2>
      <RefusalAlert refusal={refusalOf(reply, "waitlist-move", "waitlist-remove")} />
      {w.line.length === 0 ? (
        <p className="muted">Nobody is waiting.</p>
      ) : (
        <ol className="waitlist-line">
          {w.line.map((e) => {
            const moveErrors = errorsOf(reply, "waitlist-move", e.id);
            const removeErrors = errorsOf(reply, "waitlist-remove", e.id);
            const open = Object.keys(moveErrors).length > 0 || Object.keys(removeErrors).length > 0;
            return (
              <li key={e.id}>
                <p>
                  <strong>{e.client}</strong> · {e.status}
                  <br />
                  <span className="muted">
                    Joined {e.joinedAt}
                    {e.moveReason ? ` · Moved: ${e.moveReason}` : ""}
                  </span>
                </p>
                <details open={open}>
                  <summary>Move or remove</summary>
                  <form method="post" className="stack">
                    <input type="hidden" name="intent" value="waitlist-move" />
                    <input type="hidden" name="entryId" value={e.id} />
                    <div className="field">
                      <label htmlFor={`move-to-${e.id}`}>Move to number</label>
                      <input
                        id={`move-to-${e.id}`}
                        name="position"
                        type="number"
                        min={1}
                        max={w.line.length}
                        defaultValue={e.position}
                      />
                      <FieldError errors={moveErrors.position} />
                    </div>
                    <div className="field">
                      <label htmlFor={`move-why-${e.id}`}>Why</label>
                      <input id={`move-why-${e.id}`} name="reason" type="text" maxLength={300} />
                      <FieldError errors={moveErrors.reason} />
                    </div>
                    <button type="submit" className="secondary">
                      Move
                    </button>
                  </form>
                  <form method="post" className="stack">
                    <input type="hidden" name="intent" value="waitlist-remove" />
                    <input type="hidden" name="entryId" value={e.id} />
                    <div className="field">
                      <label htmlFor={`remove-why-${e.id}`}>Why remove them</label>
                      <input id={`remove-why-${e.id}`} name="reason" type="text" maxLength={300} />
                      <FieldError errors={removeErrors.reason} />
                    </div>
                    <button type="submit" className="secondary">
                      Remove from the waitlist
                    </button>
                  </form>
                </details>
              </li>
            );
          })}
        </ol>
      )}
      {w.mayAdd && w.clients.length > 0 ? (
        <form method="post" className="stack">
          <RefusalAlert refusal={refusalOf(reply, "waitlist-add")} />
          <input type="hidden" name="intent" value="waitlist-add" />
          <div className="field">
            <label htmlFor="waitlist-client">Add a client to the waitlist</label>
            <select id="waitlist-client" name="clientId" defaultValue="">
              <option value="">Choose a client</option>
              {w.clients.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.fullName} ({c.email})
                </option>
              ))}
            </select>
            <FieldError errors={addErrors.clientId} />
          </div>
          <button type="submit" className="secondary">
            Add to the waitlist
          </button>
        </form>
      ) : null}
      {w.mayChangeCapacity ? (
        <form method="post" className="stack">
          <RefusalAlert refusal={refusalOf(reply, "capacity")} />
          <input type="hidden" name="intent" value="capacity" />
          <div className="field">
            <label htmlFor="class-capacity">Places in this class</label>
            <span className="hint" id="class-capacity-hint">
              {w.booked} booked{w.offeredSpots > 0 ? `, ${w.offeredSpots} held for waitlist offers` : ""}. More places
              go to the waitlist first.
            </span>
            <input
              id="class-capacity"
              name="capacity"
              type="number"
              min={1}
              max={500}
              defaultValue={w.capacity}
              aria-describedby="class-capacity-hint"
            />
            <FieldError errors={capacityErrors.capacity} />
          </div>
          <button type="submit" className="secondary">
            Change places
          </button>
        </form>
      ) : null}
      {w.history.length > 0 ? (
        <>
          <h3>Earlier in line</h3>
          <ul className="waitlist-history">
            {w.history.map((h) => (
              <li key={h.id}>
                {h.client} · {h.status}
                {h.reason ? <span className="muted"> · {h.reason}</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
