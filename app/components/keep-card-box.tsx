/**
 * "Keep my card on file for no-show fees": offered on an online payment only when the studio
 * charges a no-show fee, unticked, saying exactly what the card would be used for.
 */
export function KeepCardBox({ offer, id = "keep-card" }: { offer: { fee: string } | null | undefined; id?: string }) {
  if (!offer) return null;
  return (
    <div className="keep-card">
      <div className="checkbox-row">
        <input type="checkbox" id={id} name="keepCard" aria-describedby={`${id}-hint`} />
        <label htmlFor={id}>Keep my card on file for no-show fees</label>
      </div>
      <p className="muted" id={`${id}-hint`}>
        If you miss a booking without cancelling, the studio charges its no-show fee of {offer.fee} to this card. It is
        used for nothing else, and you can remove it at any time under My payments.
      </p>
    </div>
  );
}
