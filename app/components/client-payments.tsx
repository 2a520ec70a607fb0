import type { PaymentRowView } from "~/services/payments/history.server";
import { PaymentList } from "./payment-list";

/** On a client's page for staff who take or see payments: the client's latest payments and card on file. */
export function ClientPayments({
  view,
  name,
}: {
  view: { payments: PaymentRowView[]; more: boolean; card: string | null } | null;
  name: string;
}) {
  if (!view) return null;
  return (
    <section className="panel" aria-labelledby="client-payments-title">
      <h2 id="client-payments-title">Payments</h2>
      {view.card ? <p>Card on file: {view.card}</p> : null}
      <PaymentList payments={view.payments} empty={`${name} has made no payments.`} />
      {view.more ? <p className="muted">Showing the latest ten.</p> : null}
    </section>
  );
}
