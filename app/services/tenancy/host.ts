/** What a request's Host names: the apex (marketing and sign-up), one studio, or nothing of ours. */
export type HostTarget = { kind: "apex" } | { kind: "studio"; slug: string } | { kind: "foreign" };

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export function parseHost(host: string | null, appDomain: string): HostTarget {
  if (!host) return { kind: "foreign" };
  const name = host.toLowerCase().replace(/:\d+$/, "").replace(/\.$/, "");
  if (name === appDomain || name === `www.${appDomain}`) return { kind: "apex" };
  const suffix = `.${appDomain}`;
  if (!name.endsWith(suffix)) return { kind: "foreign" };
  const label = name.slice(0, -suffix.length);
  // Only one level: a.b.wondrous.app is not a studio.
  if (!LABEL.test(label)) return { kind: "foreign" };
  return { kind: "studio", slug: label };
}
