import { Form, NavLink } from "@remix-run/react";
import type { ComponentProps, ReactNode } from "react";
import type { NavItem } from "~/services/navigation";
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
        {nav.length > 0 ? (
          <nav aria-label="Main" className="mainnav">
            <ul>
              {nav.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={item.to === "/"} prefetch="intent">
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
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
