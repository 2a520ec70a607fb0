import { Form, NavLink, useLocation } from "@remix-run/react";
import type { ComponentProps, ReactNode } from "react";
import { type NavItem, PRIMARY_LINKS } from "~/services/studio/navigation";
import { LocationSwitcher } from "./location-switcher";

type Props = {
  studio: { name: string } | null;
  user: { fullName: string; roleLabel: string } | null;
  nav: NavItem[];
  switcher: ComponentProps<typeof LocationSwitcher> | null;
  children: ReactNode;
};

/** The page frame: skip link, studio name, role-aware navigation, and the account corner. */
export function Chrome({ studio, user, nav, switcher, children }: Props) {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <a className="brand" href="/">
            {studio?.name ?? "Wondrous"}
          </a>
          {studio ? (
            <div className="account">
              {user ? (
                <Form method="post" action="/logout" className="inline">
                  <span className="who">
                    {user.fullName} <span className="muted">· {user.roleLabel}</span>
                  </span>{" "}
                  <button type="submit" className="link-button">
                    Sign out
                  </button>
                </Form>
              ) : (
                <a href="/login">Sign in</a>
              )}
            </div>
          ) : null}
        </div>
        {switcher ? (
          <div className="topbar-inner topbar-tools">
            <LocationSwitcher {...switcher} />
          </div>
        ) : null}
        {nav.length > 0 ? <MainNav nav={nav} /> : null}
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="footer">
        <p>
          {studio ? `${studio.name} runs on ` : ""}
          <strong>Wondrous</strong> studio management
        </p>
      </footer>
    </>
  );
}

/**
 * The first links in a row, the rest folded under "More": a <details> element, so it opens
 * without JavaScript and keeps a phone's header to one line.
 */
function MainNav({ nav }: { nav: NavItem[] }) {
  // Keyed by path: after a client-side navigation the menu starts closed again instead of
  // hanging open over the new page.
  const { pathname } = useLocation();
  const fold = nav.length > PRIMARY_LINKS + 1;
  const primary = fold ? nav.slice(0, PRIMARY_LINKS) : nav;
  const more = fold ? nav.slice(PRIMARY_LINKS) : [];
  return (
    <nav aria-label="Main" className="mainnav">
      <ul>
        {primary.map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} end={item.to === "/"} prefetch="intent">
              {item.label}
            </NavLink>
          </li>
        ))}
        {more.length > 0 ? (
          <li className="more">
            <details key={pathname}>
              <summary>More</summary>
              <ul>
                {more.map((item) => (
                  <li key={item.to}>
                    <NavLink to={item.to} prefetch="intent">
                      {item.label}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </details>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
