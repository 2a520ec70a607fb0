import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useFetcher,
  useLoaderData,
  useLocation,
  useNavigate,
  useSubmit,
} from "@remix-run/react";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { DeskDay } from "~/components/desk-day";
import { DeskResults } from "~/components/desk-results";
import { withPageErrors } from "~/http.server";
import { readForm } from "~/route-handlers/read-form.server";
import { readCheckInCode } from "~/services/desk/check-in-code";
import { deskDay } from "~/services/desk/day.server";
import { DeskFormSchema, DeskQuerySchema } from "~/services/desk/desk.schema";
import { deskCheckIn, deskFind, deskJoinWaitlist, deskNotice } from "~/services/desk/desk-actions.server";
import { chooseDeskLocation } from "~/services/desk/desk-location.server";
import { searchDesk } from "~/services/desk/search.server";
import { requireStaffActor } from "~/services/identity/actor.server";
import { frontDeskPlace } from "~/services/schedule/calendar-place.server";
import { readQuery } from "~/services/schedule/queries.schema";
import { Refused } from "~/services/shared/errors";

export const meta: MetaFunction = () => [{ title: "Front desk" }];

/**
 * The front desk of one location: one search field (a name, an email, a phone or a scanned
 * check-in code) above the day's classes and sessions. `?part=results` answers the search as
 * you type with the results alone.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const query = readQuery(DeskQuerySchema, new URL(request.url).searchParams);
    const place = await frontDeskPlace(request, tenant, actor);
    const { location, options } = await chooseDeskLocation(tenant, actor, query.location ?? null, place.locationIds);
    const results = await searchDesk(tenant, actor, location.id, query.q);
    if (query.part === "results") return { part: "results" as const, q: query.q, results };
    const checkedIn = query.checked ?? query.already;
    const [day, notice] = await Promise.all([
      deskDay(tenant, actor, location.id),
      checkedIn
        ? deskNotice(tenant, actor, location.id, {
            outcome: query.checked ? "checked_in" : "already",
            bookingId: checkedIn,
          })
        : null,
    ]);
    return {
      part: "page" as const,
      q: query.q,
      results,
      day,
      options,
      notice: notice ?? (query.waitlisted ? "Added to the waitlist." : null),
    };
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const submission = parseWithZod(await readForm(request), { schema: DeskFormSchema });
    if (submission.status !== "success") return data({ result: submission.reply(), refusal: null }, { status: 400 });
    const v = submission.value;
    const back = (params: Record<string, string>) =>
      redirect(`/desk?${new URLSearchParams({ location: v.location, ...params })}`, 303);
    const checkedIn = (outcome: "checked_in" | "already", bookingId: string) =>
      back(outcome === "checked_in" ? { checked: bookingId } : { already: bookingId });
    try {
      switch (v.intent) {
        case "find": {
          const found = await deskFind(tenant, actor, v.location, v.q);
          return found.kind === "search" ? back({ q: v.q }) : checkedIn(found.result.outcome, found.result.bookingId);
        }
        case "check-in": {
          const result = await deskCheckIn(tenant, actor, v.location, v.bookingId);
          return checkedIn(result.outcome, result.bookingId);
        }
        case "join-waitlist":
          await deskJoinWaitlist(tenant, actor, v.location, { occurrenceId: v.occurrenceId, clientId: v.clientId });
          return back({ waitlisted: "1" });
      }
    } catch (error) {
      if (!(error instanceof Refused)) throw error;
      // A refused scan is told beside the search field; any other refusal above the day.
      const refusal = { intent: v.intent, code: error.code, message: error.message };
      return data(
        { result: submission.reply(v.intent === "find" ? { fieldErrors: { q: [error.message] } } : {}), refusal },
        { status: error.status },
      );
    }
  });
}

type Page = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { part: "page" }>;
type Results = Page["results"];

// Long enough for a typist to finish a syllable, short enough to feel instant.
const TYPING_PAUSE_MS = 150;

export default function Desk() {
  const loaded = useLoaderData<typeof loader>();
  // Only the search fetcher asks for `part=results`; a page load always has the whole page.
  const page = loaded as Page;
  return <DeskPage key={page.day.location.id} page={page} />;
}

function DeskPage({ page }: { page: Page }) {
  const actionData = useActionData<typeof action>();
  const location = useLocation();
  const fetcher = useFetcher<typeof loader>();
  const submit = useSubmit();
  const navigate = useNavigate();
  const [typed, setTyped] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const locationId = page.day.location.id;

  // Each new page (after a check-in, say) starts again from what the server sent.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the address changing is the trigger
  useEffect(() => setTyped(null), [location.key]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const fetched = fetcher.data?.part === "results" ? fetcher.data : null;
  const live = typed !== null && fetched?.q === typed.trim() ? fetched : null;
  // While the next answer is on its way the last one stays up rather than flickering away.
  const shown: { q: string; results: Results } = typed === null ? page : (live ?? fetched ?? { q: "", results: [] });
  const findError = actionData?.result?.error?.q?.[0] ?? null;
  const otherRefusal = actionData?.refusal && actionData.refusal.intent !== "find" ? actionData.refusal : null;

  function onType(value: string) {
    setTyped(value);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const params = new URLSearchParams({ location: locationId, q: value.trim(), part: "results" });
      fetcher.load(`/desk?${params}`);
    }, TYPING_PAUSE_MS);
  }

  /** Enter on a name acts on the first result; a code (or results not in yet) goes to the server. */
  function onFind(event: FormEvent<HTMLFormElement>) {
    const value = String(new FormData(event.currentTarget).get("q") ?? "");
    const first = live?.results[0];
    if (readCheckInCode(value) || !first) return;
    event.preventDefault();
    if (first.primary.kind === "check-in") {
      submit({ intent: "check-in", location: locationId, bookingId: first.primary.bookingId }, { method: "post" });
    } else {
      navigate(`/clients/${first.id}`);
    }
  }

  const fullClasses = page.day.items
    .filter((item) => item.kind === "class" && item.full && !item.started)
    .map(({ id, name, time }) => ({ id, name, time }));

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Front desk</h1>
          <p className="muted">
            {page.day.heading} at {page.day.location.name}
          </p>
        </div>
        <div className="desk-head-links">
          {page.options.length > 1 ? (
            <Form method="get" className="inline-filter">
              <label htmlFor="desk-location">Desk at</label>
              <select id="desk-location" name="location" defaultValue={locationId}>
                {page.options.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
              <button type="submit" className="secondary">
                Switch
              </button>
            </Form>
          ) : null}
          <Link to="/today">Today</Link>
        </div>
      </div>
      <Form method="post" className="search desk-search" role="search" onSubmit={onFind}>
        <input type="hidden" name="intent" value="find" />
        <input type="hidden" name="location" value={locationId} />
        <label htmlFor="desk-q">Find a client or scan a code</label>
        <div className="search-row">
          <input
            key={location.key}
            id="desk-q"
            type="search"
            name="q"
            defaultValue={page.q}
            maxLength={100}
            autoComplete="off"
            // biome-ignore lint/a11y/noAutofocus: the desk's one field, where a scanner types
            autoFocus={!page.q || page.results.length === 0}
            onChange={(event) => onType(event.currentTarget.value)}
            aria-invalid={findError ? true : undefined}
            aria-describedby={findError ? "desk-q-error" : "desk-q-hint"}
          />
          <button type="submit">Find</button>
        </div>
        {findError ? (
          <p className="field-error" id="desk-q-error" role="alert">
            {findError}
          </p>
        ) : (
          <p className="hint" id="desk-q-hint">
            Name, email, phone or check-in code. Enter acts on the first client found.
          </p>
        )}
      </Form>
      {page.notice ? (
        <p className="alert alert-ok" role="status">
          {page.notice}
        </p>
      ) : null}
      {otherRefusal ? (
        <p className="alert alert-error" role="alert">
          {otherRefusal.message}
        </p>
      ) : null}
      <section aria-live="polite" aria-label="Search results">
        <DeskResults
          results={shown.results}
          q={shown.q}
          locationId={locationId}
          fullClasses={fullClasses}
          focusFirst={typed === null && Boolean(page.q)}
        />
      </section>
      <h2 className="desk-day-title">Today at {page.day.location.name}</h2>
      <DeskDay items={page.day.items} locationId={locationId} />
    </>
  );
}
