import { Form } from "@remix-run/react";
import type { Refusal } from "~/components/booking-bits";
import type { CheckInPanel } from "~/services/desk/booking-check-in.server";

/**
 * A booking's check-in: the code and its QR code to show at the desk, and on the day a button.
 * The client's button asks their browser where they are only when pressed (`data-geolocate`,
 * components/page-scripts.tsx); without JavaScript it is sent without a position, and the
 * answer says to check in at the desk.
 */
export function CheckInSection({
  panel,
  who,
  location,
  refusal,
}: {
  panel: CheckInPanel;
  /** "You're" or "Ada Lovelace is" */
  who: string;
  location: string;
  refusal: Refusal | null;
}) {
  const { state } = panel;
  return (
    <section className="panel check-in" aria-labelledby="check-in-title">
      <h2 id="check-in-title">Check in</h2>
      {state?.kind === "checked_in" ? (
        <p className="alert alert-ok">
          <strong>{who} checked in</strong> (at {state.at}).
        </p>
      ) : null}
      {state?.kind === "not_now" ? <p>{state.message}</p> : null}
      {refusal ? (
        <p className="alert alert-error" role="alert">
          {refusal.message}
        </p>
      ) : null}
      {state?.kind === "open" ? (
        <Form method="post" className="check-in-form" data-geolocate={state.via === "client" ? "" : undefined}>
          {/* A field rather than the button's value: the script sends the form itself, without a submitter. */}
          <input type="hidden" name="intent" value="check-in" />
          {state.via === "client" ? (
            <>
              <input type="hidden" name="latitude" />
              <input type="hidden" name="longitude" />
              <input type="hidden" name="accuracy" />
            </>
          ) : null}
          <button type="submit">Check in</button>
          {state.via === "client" ? (
            <p className="hint">Your phone tells us once, when you press it, that you're at {location}.</p>
          ) : null}
        </Form>
      ) : null}
      <div className="check-in-code">
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: the SVG is drawn on the server from the booking's code alone (8 characters of a fixed alphabet) */}
        <div className="qr-code" dangerouslySetInnerHTML={{ __html: panel.qrSvg }} />
        <p>
          Check-in code
          <strong className="code">{panel.code}</strong>
          <span className="hint">Show it at the desk, or read it out.</span>
        </p>
      </div>
    </section>
  );
}
