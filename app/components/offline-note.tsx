/**
 * Hidden online. The offline worker (public/sw.js) serves its kept copy of the page with this
 * note shown, so the client knows how old what they read is.
 */
export function OfflineNote({ asOf }: { asOf: string | null }) {
  if (!asOf) return null;
  return (
    <p className="alert alert-info" role="status" data-offline-note hidden>
      {`You're offline — this is your copy as of ${asOf}.`}
    </p>
  );
}
