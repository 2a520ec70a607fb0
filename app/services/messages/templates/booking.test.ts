import ICAL from "ical.js";
import { describe, expect, test } from "vitest";
import {
  type BookingFacts,
  bookingCancelledEmail,
  bookingCancelledSms,
  bookingConfirmedEmail,
  bookingConfirmedSms,
  bookingMovedEmail,
  bookingMovedSms,
  bookingRequestedEmail,
  bookingRequestedSms,
  cancelReplySms,
  type EmailContent,
  reminderEmail,
  reminderSms,
  type StudioVoice,
} from "./booking";
import { smsSegments } from "./sms-segments";

const lotus: StudioVoice = { name: "Lotus Yoga", slug: "lotus", url: (path) => `https://lotus.wondrous.test${path}` };

// 17:30 UTC in June is 18:30 on the London location's clock.
const booking: BookingFacts = {
  bookingId: "b7d1c2a0-0000-4000-8000-000000000001",
  clientName: "Maya Patel",
  serviceName: "Vinyasa Flow",
  instructorName: "Anna Kowalska",
  locationName: "Shoreditch",
  locationAddress: "12 Old Street, London EC1V 9HL",
  startsAt: new Date("2026-06-12T17:30:00Z"),
  endsAt: new Date("2026-06-12T18:30:00Z"),
  zone: "Europe/London",
  spots: 1,
  kind: "class",
};
const now = new Date("2026-06-01T09:00:00Z");
const previousStartsAt = new Date("2026-06-11T17:30:00Z");

// The longest real names we expect: 40-70 characters, letters GSM-7 lacks, a curly apostrophe.
const longStudio: StudioVoice = {
  name: "The Wolfeschlegelsteinhausenbergerdorff Movement & Pilates Collective",
  slug: "wolfeschlegelsteinhausenbergerdorff-movement",
  url: (path) => `https://wolfeschlegelsteinhausenbergerdorff-movement.wondrous.test${path}`,
};
const longNames: BookingFacts[] = [
  {
    ...booking,
    clientName: "Zoë Łukasiewicz-Ó’Brien",
    serviceName: "Advanced Reformer Pilates with Props and Breathwork for Strong Backs",
    instructorName: "Maximiliane Alexandra von Hohenzollern-Sigmaringen",
    locationName: "Shoreditch High Street Studio, Second Floor, Rear Entrance",
    spots: 3,
  },
  {
    ...booking,
    clientName: "Wolfeschlegelsteinhausenbergerdorff Hubert Blaine",
    serviceName: "Świętokrzyskie Mindful Movement — Ąę Łódź Edition",
    instructorName: "Grzegorz Brzęczyszczykiewicz-Łukasiewicz",
    locationName: "Kraków Główny [Old Town] {Upstairs} Studio ~ Room €",
    kind: "session",
  },
];

type SmsCase = { name: string; render: (s: StudioVoice, b: BookingFacts) => string; replyCancel: boolean };
const smsTemplates: SmsCase[] = [
  { name: "confirmed", render: (s, b) => bookingConfirmedSms(s, b), replyCancel: true },
  {
    name: "confirmed after request",
    render: (s, b) => bookingConfirmedSms(s, b, { afterRequest: true }),
    replyCancel: true,
  },
  { name: "requested", render: (s, b) => bookingRequestedSms(s, b), replyCancel: true },
  ...[true, false].flatMap((creditReturned) =>
    [true, false].map((byStudio) => ({
      name: `cancelled (credit ${creditReturned}, by studio ${byStudio})`,
      render: (s: StudioVoice, b: BookingFacts) => bookingCancelledSms(s, b, { creditReturned, byStudio }),
      replyCancel: false,
    })),
  ),
  { name: "moved", render: (s, b) => bookingMovedSms(s, b, { previousStartsAt }), replyCancel: true },
  { name: "reminder", render: (s, b) => reminderSms(s, b), replyCancel: true },
  {
    name: "cancel reply: cancelled",
    render: (s, b) => cancelReplySms(s, b, { outcome: "cancelled", creditReturned: true }),
    replyCancel: false,
  },
  {
    name: "cancel reply: too late",
    render: (s, b) => cancelReplySms(s, b, { outcome: "too_late", studioPhone: "+442079460958" }),
    replyCancel: false,
  },
  {
    name: "cancel reply: not found",
    render: (s) => cancelReplySms(s, null, { outcome: "not_found", studioPhone: "+442079460958" }),
    replyCancel: false,
  },
];

describe("every booking SMS fits one GSM-7 segment", () => {
  for (const { name, render, replyCancel } of smsTemplates) {
    test(name, () => {
      for (const studio of [lotus, longStudio]) {
        for (const facts of [booking, ...longNames]) {
          const text = render(studio, facts);
          expect(smsSegments(text), text).toMatchObject({ encoding: "GSM-7", segments: 1 });
          if (replyCancel) expect(text).toContain("Reply CANCEL");
        }
      }
      // With the longest names something had to give, but never the time on the location's clock.
      const long = render(longStudio, longNames[0] as BookingFacts);
      if (name !== "cancel reply: not found") expect(long).toContain("Fri 12 Jun 18:30");
    });
  }
});

describe("booking SMS wording", () => {
  test("with ordinary names nothing is cut: the studio, the first name, the instructor, the local time", () => {
    expect(bookingConfirmedSms(lotus, booking)).toBe(
      "Lotus Yoga: Maya, you're booked for Vinyasa Flow with Anna Kowalska, Fri 12 Jun 18:30 at Shoreditch. Reply CANCEL to cancel.",
    );
    expect(reminderSms(lotus, booking)).toBe(
      "Lotus Yoga: Maya, see you for Vinyasa Flow with Anna Kowalska, Fri 12 Jun 18:30 at Shoreditch. Can't come? Reply CANCEL to cancel.",
    );
  });

  test("long names are cut with '...' and accents GSM-7 lacks are dropped", () => {
    const text = bookingConfirmedSms(longStudio, longNames[0] as BookingFacts);
    expect(text).toContain("...");
    expect(text).not.toMatch(/[ŁłÓą’]/);
  });

  test("the cancellation says whether the credit came back and who cancelled", () => {
    expect(bookingCancelledSms(lotus, booking, { creditReturned: true, byStudio: false })).toContain(
      "Your credit is back in your account.",
    );
    const byStudio = bookingCancelledSms(lotus, booking, { creditReturned: false, byStudio: true });
    expect(byStudio).toContain("sorry Maya, we've had to cancel");
    expect(byStudio).toContain("The credit was not returned.");
  });

  test("a move within the day names the old time only", () => {
    const earlier = new Date("2026-06-12T16:30:00Z");
    expect(bookingMovedSms(lotus, booking, { previousStartsAt: earlier })).toContain(
      "has moved from 17:30 to Fri 12 Jun 18:30",
    );
    expect(bookingMovedSms(lotus, booking, { previousStartsAt })).toContain(
      "from Thu 11 Jun 18:30 to Fri 12 Jun 18:30",
    );
  });

  test("a CANCEL reply that came too late says to call the studio", () => {
    expect(cancelReplySms(lotus, booking, { outcome: "too_late", studioPhone: "+442079460958" })).toBe(
      "Lotus Yoga: sorry Maya, it's too late to cancel Vinyasa Flow, Fri 12 Jun 18:30 by text. Please call us on +442079460958.",
    );
    expect(cancelReplySms(lotus, null, { outcome: "not_found" })).toBe(
      "Lotus Yoga: we couldn't find an upcoming booking of yours to cancel. Please call the studio.",
    );
  });

  test("times are on the location's clock: a New York class at 23:00 UTC is 19:00 there", () => {
    const newYork = { ...booking, zone: "America/New_York", startsAt: new Date("2026-06-12T23:00:00Z") };
    expect(bookingConfirmedSms(lotus, newYork)).toContain("Fri 12 Jun 19:00");
  });
});

const emails: { name: string; render: (s: StudioVoice, b: BookingFacts) => EmailContent }[] = [
  { name: "confirmed", render: (s, b) => bookingConfirmedEmail(s, b, { now }) },
  { name: "confirmed after request", render: (s, b) => bookingConfirmedEmail(s, b, { afterRequest: true, now }) },
  { name: "requested", render: (s, b) => bookingRequestedEmail(s, b) },
  {
    name: "cancelled",
    render: (s, b) => bookingCancelledEmail(s, b, { creditReturned: true, byStudio: false, now }),
  },
  { name: "moved", render: (s, b) => bookingMovedEmail(s, b, { previousStartsAt, now }) },
  { name: "reminder", render: (s, b) => reminderEmail(s, b) },
];

describe("every booking email", () => {
  for (const { name, render } of emails) {
    test(`${name}: local time, a link on the studio's subdomain, the studio's name, text and HTML`, () => {
      const email = render(lotus, booking);
      expect(email.subject).toContain("Vinyasa Flow, ");
      expect(email.subject).toContain("Fri 12 Jun 18:30");
      for (const body of [email.text, email.html]) {
        expect(body).toContain("Friday 12 June 2026, 18:30–19:30");
        expect(body).toContain("Hello Maya Patel,");
        expect(body).toContain("Sent by Lotus Yoga through Wondrous");
        expect(body).toMatch(/https:\/\/lotus\.wondrous\.test\/(bookings\/b7d1c2a0-|schedule)/);
      }
      expect(email.text).not.toContain("<");
      expect(email.html).toMatch(/^<!doctype html>/);
    });

    test(`${name}: names are escaped in the HTML`, () => {
      const email = render(
        { ...lotus, name: "Lotus & <b>Yoga</b>" },
        { ...booking, clientName: '<script>alert("x")</script>', serviceName: "Flow <img src=x onerror=alert(1)>" },
      );
      expect(email.html).not.toContain("<script>");
      expect(email.html).not.toContain("<img");
      expect(email.html).not.toContain("<b>Yoga");
      expect(email.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
      expect(email.html).toContain("Lotus &amp; &lt;b&gt;Yoga&lt;/b&gt;");
      // Plain text is plain: it keeps the name as written.
      expect(email.text).toContain('<script>alert("x")</script>');
    });

    test(`${name}: long names and several places still read whole`, () => {
      const email = render(longStudio, longNames[0] as BookingFacts);
      expect(email.text).toContain("Advanced Reformer Pilates with Props and Breathwork for Strong Backs");
      expect(email.text).toContain("Shoreditch High Street Studio, Second Floor, Rear Entrance, 12 Old Street");
      expect(email.text).toContain("3 places");
      expect(email.text).toContain("https://wolfeschlegelsteinhausenbergerdorff-movement.wondrous.test/");
    });
  }

  test("the cancellation says whether the credit came back and who cancelled", () => {
    const returned = bookingCancelledEmail(lotus, booking, { creditReturned: true, byStudio: false, now });
    expect(returned.text).toContain("Your class is cancelled:");
    expect(returned.text).toContain("The credit you used for it is back in your account.");
    const kept = bookingCancelledEmail(lotus, booking, { creditReturned: false, byStudio: true, now });
    expect(kept.text).toContain("we have had to cancel your class");
    expect(kept.text).toContain("has not been returned");
  });

  test("a confirmation with a check-in code shows it in words and as a QR code; without one, neither", () => {
    const qrSvg = '<svg role="img" aria-label="QR code of check-in code K7M2 Q9XD"><title>QR</title></svg>';
    const email = bookingConfirmedEmail(lotus, { ...booking, checkIn: { code: "K7M2 Q9XD", qrSvg } }, { now });
    expect(email.text).toContain(
      "When you arrive, show the desk this code, or check in on your booking page.\n\nYour check-in code: K7M2 Q9XD\n\nSee your booking:",
    );
    expect(email.html).toContain(`<td style="width:120px;height:120px;padding:0;">${qrSvg}</td>`);
    expect(email.html).toContain('<strong style="font-size:28px;letter-spacing:2px;">K7M2 Q9XD</strong>');
    const plain = bookingConfirmedEmail(lotus, booking, { now });
    expect(plain.text).not.toContain("check-in code");
    expect(plain.html).not.toContain("<svg");
  });

  test("the moved email names the old time on the location's clock", () => {
    const moved = bookingMovedEmail(lotus, booking, { previousStartsAt, now });
    expect(moved.text).toContain("Your class on Thursday 11 June 2026 at 18:30 has moved. It is now:");
  });

  test("a request says it is waiting for the studio to confirm", () => {
    expect(bookingRequestedEmail(lotus, booking).text).toContain("waiting for us to confirm it");
    expect(bookingConfirmedEmail(lotus, booking, { afterRequest: true, now }).text).toContain(
      "we have confirmed your booking request",
    );
  });
});

function parseInvite(email: EmailContent) {
  expect(email.attachments).toHaveLength(1);
  const [attachment] = email.attachments;
  const ics = Buffer.from(attachment?.contentBase64 ?? "", "base64").toString("utf8");
  for (const line of ics.split("\r\n")) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
  expect(ics.endsWith("\r\n")).toBe(true);
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const vevent = calendar.getFirstSubcomponent("vevent");
  if (!vevent) throw new Error("no VEVENT");
  return { attachment, calendar, event: new ICAL.Event(vevent), vevent };
}

describe("the .ics invitation", () => {
  const long = { ...(longNames[0] as BookingFacts), serviceName: "Reformer; Props, Breath\\work é" };

  test("a confirmation carries a REQUEST that ical.js reads back", () => {
    const { attachment, calendar, event, vevent } = parseInvite(bookingConfirmedEmail(longStudio, long, { now }));
    expect(attachment?.contentType).toBe("text/calendar; charset=utf-8; method=REQUEST");
    expect(calendar.getFirstPropertyValue("method")).toBe("REQUEST");
    expect(event.uid).toBe(`booking-${booking.bookingId}@${longStudio.slug}.wondrous`);
    expect(event.sequence).toBe(0);
    expect(event.startDate.toJSDate()).toEqual(booking.startsAt);
    expect(event.endDate.toJSDate()).toEqual(booking.endsAt);
    expect(event.summary).toBe(
      `Reformer; Props, Breath\\work é with Maximiliane Alexandra von Hohenzollern-Sigmaringen at ${longStudio.name}`,
    );
    expect(event.location).toBe(
      "Shoreditch High Street Studio, Second Floor, Rear Entrance, 12 Old Street, London EC1V 9HL",
    );
    expect(vevent.getFirstPropertyValue("dtstamp")?.toString()).toBe("2026-06-01T09:00:00Z");
    expect(vevent.getFirstPropertyValue("status")).toBe("CONFIRMED");
    expect(vevent.getFirstPropertyValue("url")).toBe(`${longStudio.url(`/bookings/${booking.bookingId}`)}`);
    expect(vevent.getFirstProperty("organizer")?.getParameter("cn")).toBe(longStudio.name);
  });

  test("a move keeps the UID and raises the SEQUENCE; a later cancellation raises it again", () => {
    const first = parseInvite(bookingConfirmedEmail(lotus, booking, { now })).event;
    const moved = parseInvite(bookingMovedEmail(lotus, booking, { previousStartsAt, now })).event;
    const cancelled = parseInvite(
      bookingCancelledEmail(lotus, booking, {
        creditReturned: true,
        byStudio: false,
        now: new Date(now.getTime() + 1000),
      }),
    );
    expect(moved.uid).toBe(first.uid);
    expect(cancelled.event.uid).toBe(first.uid);
    expect(moved.sequence).toBeGreaterThan(first.sequence);
    expect(cancelled.event.sequence).toBeGreaterThan(moved.sequence);
    expect(moved.sequence).toBeLessThan(2 ** 31);
    expect(cancelled.calendar.getFirstPropertyValue("method")).toBe("CANCEL");
    expect(cancelled.vevent.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(cancelled.attachment?.contentType).toBe("text/calendar; charset=utf-8; method=CANCEL");
  });

  test("requests and reminders carry no invitation", () => {
    expect(bookingRequestedEmail(lotus, booking).attachments).toEqual([]);
    expect(reminderEmail(lotus, booking).attachments).toEqual([]);
  });
});
