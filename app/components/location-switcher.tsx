import { Form, useLocation } from "@remix-run/react";

type Props = { options: { id: string; name: string }[]; selected: string; allowAll: boolean };

/** Staff pick the location they are working on. A plain form; with JS it submits on change. */
export function LocationSwitcher({ options, selected, allowAll }: Props) {
  const here = useLocation();
  if (options.length < 2 && !allowAll) return null;
  return (
    <Form method="post" action="/location" className="switcher" key={selected}>
      <input type="hidden" name="redirectTo" value={here.pathname + here.search} />
      <label htmlFor="location-switcher">Location</label>
      <select
        id="location-switcher"
        name="locationId"
        defaultValue={selected}
        onChange={(event) => event.currentTarget.form?.requestSubmit()}
      >
        {allowAll ? <option value="all">All locations</option> : null}
        {options.map((option) => (
          <option key={option.id} value={option.id}>
            {option.name}
          </option>
        ))}
      </select>
      <button type="submit" className="switcher-go">
        Switch
      </button>
    </Form>
  );
}
