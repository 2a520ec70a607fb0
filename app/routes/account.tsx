import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/services/auth.server";
import { roleLabel } from "~/services/navigation";
import { requireTenant } from "~/services/tenant.server";

export const meta: MetaFunction = () => [{ title: "My account" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const tenant = await requireTenant(request);
  const user = await requireUser(request, tenant);
  return {
    fullName: user.fullName,
    email: user.email,
    phone: user.phone,
    role: roleLabel(user.role),
    memberSince: user.createdAt.toISOString().slice(0, 10),
  };
}

export default function Account() {
  const account = useLoaderData<typeof loader>();
  return (
    <section className="panel narrow" aria-labelledby="account-title">
      <h1 id="account-title">My account</h1>
      <dl>
        <dt>Name</dt>
        <dd>{account.fullName}</dd>
        <dt>Email</dt>
        <dd>{account.email}</dd>
        {account.phone ? (
          <>
            <dt>Phone</dt>
            <dd>{account.phone}</dd>
          </>
        ) : null}
        <dt>Role</dt>
        <dd>{account.role}</dd>
        <dt>Member since</dt>
        <dd>{account.memberSince}</dd>
      </dl>
    </section>
  );
}
