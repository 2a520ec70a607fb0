import { z } from "zod";
import { STUDIO_TYPES, type StudioType } from "~db/schema/tenant";

/**
 * What the studio mostly sells (spec §2), asked at sign-up and in settings. It only sets
 * defaults and what comes first: every studio can still offer both sessions and classes.
 */
export const STUDIO_TYPE_CHOICES: { value: StudioType; label: string; hint: string }[] = [
  {
    value: "session_based",
    label: "Sessions",
    hint: "Personal training and other 1:1 sessions, often booked by the trainer.",
  },
  { value: "class_based", label: "Classes", hint: "Yoga, group fitness: a timetable of classes clients book." },
  { value: "hybrid", label: "Both", hint: "Sessions and classes side by side." },
];

export const StudioTypeField = z.enum(STUDIO_TYPES, {
  errorMap: () => ({ message: "Choose what your studio mostly offers" }),
});
