import { Form } from "@remix-run/react";

type Props = {
  /** The locations the viewer may pick, and the current choice ("all" or an id). */
  options: { id: string; name: string }[];
  selected: string;
  /** "All locations" for the owner, "All my locations" for a manager of several. */
  allLabel: string;
  from: string;
  to: string;
  error: string | null;
  /** The same report as a CSV download, or none. */
  csvHref?: string;
  /** Extra fields the report keeps when the period changes (e.g. what revenue is grouped by). */
  keep?: Record<string, string>;
};

/** A report's period and place: a plain GET form, so a report's address can be bookmarked and shared. */
export function ReportFilters({ options, selected, allLabel, from, to, error, csvHref, keep = {} }: Props) {
  return (
    <section className="panel" aria-labelledby="report-period-title">
      <h2 id="report-period-title">Period and place</h2>
      <Form method="get" className="period-form" aria-label="Choose the period and place">
        {Object.entries(keep).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        {options.length > 1 ? (
          <div className="field">
            <label htmlFor="report-location">Location</label>
            <select id="report-location" name="location" defaultValue={selected} key={selected}>
              <option value="all">{allLabel}</option>
              {options.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="report-from">First day</label>
          <input
            id="report-from"
            type="date"
            name="from"
            defaultValue={from}
            key={from}
            aria-describedby={error ? "report-period-error" : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor="report-to">Last day</label>
          <input id="report-to" type="date" name="to" defaultValue={to} key={to} />
        </div>
        <button type="submit" className="button secondary">
          Show
        </button>
      </Form>
      {error ? (
        <p id="report-period-error" className="field-error" role="alert">
          {error} Showing this month.
        </p>
      ) : null}
      {csvHref ? (
        <p>
          <a href={csvHref} download>
            Download as CSV
          </a>
        </p>
      ) : null}
    </section>
  );
}
