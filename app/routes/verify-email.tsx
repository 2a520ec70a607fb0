import {
  type ActionFunctionArgs,
  data,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CLIENT_PAGE } from "~/components/page-scripts";
import { readForm } from "~/route-handlers/read-form.server";
import { ACCOUNT_MESSAGES } from "~/services/identity/account-messages";
import { findSignedInUser, requireUser } from "~/services/identity/auth.server";
import {
  confirmEmail,
  isEmailVerified,
  isVerificationLinkLive,
  requestVerificationLink,
} from "~/services/identity/email-verification.server";
import { requireTenant, type Tenant } from "~/services/tenancy/tenant.server";

export const handle = CLIENT_PAGE;

export const meta: MetaFunction = () => [{ title: "Confirm your email address" }];

// The token is in the address: never send it on to another site as a referrer (see
// reset-password.tsx for why not "no-referrer").
export const headers: HeadersFunction = () => ({ "Referrer-Policy": "same-origin" });

/** What a dead link offers: a new link for a signed-in unverified client, else a way to get one. */
async function viewerState(request: Request, tenant: Tenant) {
  const viewer = await findSignedInUser(request, tenant);
  if (!viewer) return "signed-out" as const;
  if (viewer.role !== "client" || isEmailVerified(viewer)) return "verified" as const;
  return "unverified" as const;
}

/**
 * Opening the link only shows a button: mail scanners follow links, and must not use it up.
 * Pressing the button (a POST) confirms the address, signed in or not.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const tenant = await requireTenant(request);
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const live = token.length > 0 && token.length <= 200 && (await isVerificationLinkLive(tenant, token));
  if (live) return { live: true as const, token, viewer: null };
  return data({ live: false as const, token: "", viewer: await viewerState(request, tenant) }, { status: 410 });
}

export async function action({ request }: ActionFunctionArgs) {
  const tenant = await requireTenant(request);
  const form = await readForm(request);
  if (form.get("intent") === "resend") {
    const user = await requireUser(request, tenant);
    await requestVerificationLink(tenant, user);
    return redirect("/account?saved=verification-sent#email-verification");
  }
  const token = String(form.get("token") ?? "");
  const outcome = token.length > 0 && token.length <= 200 ? await confirmEmail(tenant, token) : null;
  if (!outcome?.ok) {
    return data({ verified: false as const, viewer: await viewerState(request, tenant) }, { status: 410 });
  }
  return { verified: true as const, viewer: await viewerState(request, tenant) };
}

export default function VerifyEmail() {
  const loaded = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  if (answer?.verified) {
    return (
      <section className="panel narrow" aria-labelledby="verify-title">
        <h1 id="verify-title">Email address confirmed</h1>
        <p role="status">{ACCOUNT_MESSAGES.emailVerified}</p>
        <p>
          {answer.viewer === "signed-out" ? (
            <Link className="button" to="/login">
              Sign in
            </Link>
          ) : (
            <Link className="button" to="/">
              Go to my home page
            </Link>
          )}
        </p>
      </section>
    );
  }
  const viewer = answer ? answer.viewer : loaded.viewer;
  if (answer || !loaded.live) return <DeadLink viewer={viewer} />;
  return (
    <section className="panel narrow" aria-labelledby="verify-title">
      <h1 id="verify-title">Confirm your email address</h1>
      <p>Press the button to confirm that this email address is yours. Then you are all set to book.</p>
      <Form method="post">
        <input type="hidden" name="token" value={loaded.token} />
        <button type="submit" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? "Confirming…" : "Confirm my email address"}
        </button>
      </Form>
    </section>
  );
}

function DeadLink({ viewer }: { viewer: "signed-out" | "verified" | "unverified" | null }) {
  if (viewer === "verified") {
    return (
      <section className="panel narrow" aria-labelledby="verify-title">
        <h1 id="verify-title">Your email address is confirmed</h1>
        <p>This link was already used, and there is nothing more to do.</p>
        <p>
          <Link to="/">Go to my home page</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="panel narrow" aria-labelledby="verify-title">
      <h1 id="verify-title">This link has expired</h1>
      <p role="alert">{ACCOUNT_MESSAGES.verificationLinkExpired}</p>
      {viewer === "unverified" ? (
        <Form method="post">
          <input type="hidden" name="intent" value="resend" />
          <button type="submit">Send me a new link</button>
        </Form>
      ) : (
        <p>
          <Link className="button" to="/login?redirectTo=%2Faccount%23email-verification">
            Sign in to get a new link
          </Link>
        </p>
      )}
    </section>
  );
}
