import { Link } from "@remix-run/react";

/** Shown to a client whose studio asks for a PAR-Q before the first booking, until they fill one in. */
export function ParqReminder() {
  return (
    <div className="alert alert-warn" role="status">
      <p>
        Before your first booking, the studio asks you to fill in a short health questionnaire (PAR-Q). It takes about a
        minute.
      </p>
      <p>
        <Link to="/account/health">Fill in the health check</Link>
      </p>
    </div>
  );
}
