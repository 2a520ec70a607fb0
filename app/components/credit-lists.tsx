/** A client's grants and ledger, shared by the staff page and the client's own page. */

type GrantView = {
  id: string;
  name: string;
  remaining: number;
  expired: boolean;
  expires: string;
  expiresAt: string;
  where: string;
  what: string;
};

type LedgerView = {
  id: string;
  when: string;
  at: string;
  kind: string;
  change: string;
  grantName: string;
  reason: string;
  by: string | null;
};

export function BalanceLine({ balance }: { balance: number }) {
  return (
    <p className="balance-line">
      <span className="balance-number">{balance}</span> {balance === 1 ? "credit" : "credits"} to book with
    </p>
  );
}

export function GrantList({ grants, empty }: { grants: GrantView[]; empty: string }) {
  if (grants.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="grant-list">
      {grants.map((g) => (
        <li key={g.id} className={g.expired ? "grant is-expired" : "grant"}>
          <div className="grant-head">
            <strong>{g.name}</strong>
            <span className="grant-left">
              {g.expired ? <span className="badge">Expired</span> : `${g.remaining} left`}
            </span>
          </div>
          <p className="grant-meta">
            {g.expired ? "Expired" : "Expires"} <time dateTime={g.expiresAt}>{g.expires}</time>
            {g.expired && g.remaining > 0 ? ` with ${g.remaining} unused` : ""} · {g.where} · {g.what}
          </p>
        </li>
      ))}
    </ul>
  );
}

export function LedgerList({ ledger, empty }: { ledger: LedgerView[]; empty: string }) {
  if (ledger.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ol className="ledger">
      {ledger.map((e) => (
        <li key={e.id}>
          <span className={e.change.startsWith("+") ? "ledger-change is-plus" : "ledger-change"}>{e.change}</span>
          <div className="ledger-what">
            <span>
              <strong>{e.kind}</strong> · {e.grantName}
            </span>
            <span className="ledger-reason">{e.reason}</span>
          </div>
          <span className="ledger-when muted">
            <time dateTime={e.at}>{e.when}</time>
            {e.by ? <> · {e.by}</> : null}
          </span>
        </li>
      ))}
    </ol>
  );
}
