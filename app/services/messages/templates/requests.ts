import { firstName, type StudioVoice, shortWhen } from "./facts";

/**
 * Messages about instructor-led booking requests: to the instructors asked, to the client as
 * the request is answered or ends, and to managers when nobody answered in time.
 */

/** What a request message is about, read from the database by the caller. */
export type RequestFacts = {
  requestId: string;
  clientName: string;
  serviceName: string;
  locationName: string;
  /** The location's IANA zone: every time is written on its clock. */
  zone: string;
  preferredTimes: Date[];
  note: string;
};

export type RequestMessage = { subject: string; text: string; sms: string };

const times = (f: RequestFacts) => f.preferredTimes.map((t) => shortWhen(t, f.zone)).join(", ");
const staffPath = (f: RequestFacts) => `/requests/${encodeURIComponent(f.requestId)}`;

/** To an instructor (or each instructor of the location, for "any"): a client asks for a session. */
export function requestReceived(studio: StudioVoice, f: RequestFacts, forAnyone: boolean): RequestMessage {
  const who = forAnyone ? "any instructor" : "you";
  const link = studio.url(staffPath(f));
  return {
    subject: `Session request from ${f.clientName}: ${f.serviceName}`,
    text: [
      `${f.clientName} asked ${who} for ${f.serviceName} at ${f.locationName}.`,
      `Preferred times: ${times(f)}.`,
      f.note ? `Their note: ${f.note}` : "",
      `Accept a time, propose another or decline: ${link}`,
    ]
      .filter(Boolean)
      .join("\n\n"),
    sms: `${studio.name}: ${f.clientName} asked for ${f.serviceName}, ${f.preferredTimes.length} preferred time(s). Answer: ${link}`,
  };
}

/** To the client: the instructor proposes another time, with the one-tap link. */
export function requestProposed(
  studio: StudioVoice,
  f: RequestFacts,
  proposal: { startsAt: Date; instructorName: string; note: string | null; path: string },
): RequestMessage {
  const when = shortWhen(proposal.startsAt, f.zone);
  const link = studio.url(proposal.path);
  return {
    subject: `${proposal.instructorName} proposes ${when} for ${f.serviceName}`,
    text: [
      `Hello ${firstName(f.clientName)},`,
      `${proposal.instructorName} can't do the times you asked for ${f.serviceName} at ${f.locationName}, and proposes ${when} instead.`,
      proposal.note ? `Their note: ${proposal.note}` : "",
      `Accept or decline it here (no sign-in needed): ${link}`,
    ]
      .filter(Boolean)
      .join("\n\n"),
    sms: `${studio.name}: ${proposal.instructorName} proposes ${when} for ${f.serviceName}. Accept or decline: ${link}`,
  };
}

/** To the client: the request was declined, with the reason given. */
export function requestDeclined(studio: StudioVoice, f: RequestFacts, reason: string): RequestMessage {
  return {
    subject: `Your request for ${f.serviceName} was declined`,
    text: [
      `Hello ${firstName(f.clientName)},`,
      `Sorry, your request for ${f.serviceName} at ${f.locationName} could not be booked.`,
      `The reason given: ${reason}`,
      `You can ask again for other times: ${studio.url("/requests")}`,
    ].join("\n\n"),
    sms: `${studio.name}: sorry, your ${f.serviceName} request was declined: ${reason}`,
  };
}

/** To the client: nobody answered (or they did not answer a proposal) in time. */
export function requestExpired(studio: StudioVoice, f: RequestFacts): RequestMessage {
  return {
    subject: `Your request for ${f.serviceName} has expired`,
    text: [
      `Hello ${firstName(f.clientName)},`,
      `Sorry, your request for ${f.serviceName} at ${f.locationName} was not settled in time and has expired.`,
      `You can ask again: ${studio.url("/requests")}`,
    ].join("\n\n"),
    sms: `${studio.name}: your ${f.serviceName} request expired unanswered. Ask again: ${studio.url("/requests")}`,
  };
}

/** To the location's managers and the owner: a request waits too long for an answer. */
export function requestEscalated(studio: StudioVoice, f: RequestFacts, waitingFor: string): RequestMessage {
  const link = studio.url("/requests/queue");
  return {
    subject: `Unanswered request: ${f.clientName}, ${f.serviceName}`,
    text: [
      `${f.clientName}'s request for ${f.serviceName} at ${f.locationName} is still waiting for ${waitingFor}.`,
      `Preferred times: ${times(f)}.`,
      `Reassign it or answer it yourself: ${link}`,
    ].join("\n\n"),
    sms: `${studio.name}: ${f.clientName}'s ${f.serviceName} request is unanswered. ${link}`,
  };
}

/** To an instructor a manager handed a request to. */
export function requestReassigned(studio: StudioVoice, f: RequestFacts): RequestMessage {
  const link = studio.url(staffPath(f));
  return {
    subject: `Request passed to you: ${f.clientName}, ${f.serviceName}`,
    text: [
      `${f.clientName}'s request for ${f.serviceName} at ${f.locationName} was passed to you.`,
      `Preferred times: ${times(f)}.`,
      `Answer it: ${link}`,
    ].join("\n\n"),
    sms: `${studio.name}: ${f.clientName}'s ${f.serviceName} request was passed to you. ${link}`,
  };
}
