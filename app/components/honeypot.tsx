import { z } from "zod";

/** The schema half: the field must arrive empty. */
export const HoneypotSchema = z.string().max(0, "Leave this field empty").optional();

/**
 * A field people never see and bots fill in: a public form's schema requires it empty
 * (`HoneypotSchema`), so a filled one is refused like any invalid field.
 */
export function Honeypot() {
  return (
    <div className="visually-hidden" aria-hidden="true">
      <label htmlFor="website">Website</label>
      <input id="website" name="website" type="text" tabIndex={-1} autoComplete="off" />
    </div>
  );
}
