import { Link } from "@remix-run/react";

export type PaymentListItem = {
  id: string;
  when: string;
  what: string;
  amount: string;
  status: string;
  /** Staff lists: who paid, how, and what needs a look. */
  clientName?: string;
  method?: string;
  flags?: string[];
};

/** Payments as rows, each opening its receipt page: what and where it stands, then when and how much. */
export function PaymentList({ payments, empty }: { payments: PaymentListItem[]; empty: string }) {
  if (payments.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="payment-list">
      {payments.map((p) => (
        <li key={p.id}>
          <Link to={`/payments/${p.id}`}>
            <span className="payment-what">
              {p.clientName ? `${p.clientName}: ` : ""}
              {p.what}
            </span>
            <span className="payment-amount">{p.amount}</span>
            <span className="payment-when">
              {p.when}
              {p.method ? ` · ${p.method}` : ""}
            </span>
            <span className="payment-status">{p.status}</span>
            {p.flags?.length ? <strong className="payment-flags">{p.flags.join(" · ")}</strong> : null}
          </Link>
        </li>
      ))}
    </ul>
  );
}
