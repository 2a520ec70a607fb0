import { PARQ_QUESTIONS } from "~/services/people/parq.schema";

/** The questions with one screening's answers; a "yes" stands out for whoever reviews it. */
export function ParqAnswers({ answers }: { answers: boolean[] }) {
  return (
    <ol className="parq-answers">
      {PARQ_QUESTIONS.map((question, index) => (
        <li key={question}>
          <span>{question}</span>{" "}
          {answers[index] ? <strong className="badge badge-warn">Yes</strong> : <span className="badge">No</span>}
        </li>
      ))}
    </ol>
  );
}

export function ParqHistory({ history }: { history: { id: string; declaredOn: string; anyYes: boolean }[] }) {
  if (history.length === 0) return <p>No health checks yet.</p>;
  return (
    <ul className="parq-history">
      {history.map((entry) => (
        <li key={entry.id}>
          <time dateTime={entry.declaredOn}>{entry.declaredOn}</time>{" "}
          {entry.anyYes ? (
            <span className="badge badge-warn">Needs review</span>
          ) : (
            <span className="badge">All no</span>
          )}
        </li>
      ))}
    </ul>
  );
}
