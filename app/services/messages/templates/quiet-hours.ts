// PLACEHOLDER until helper B's quiet hours merge (replaced wholesale).
export function smsSendTime(o: {
  desired: Date;
  zone: string;
  quietStart: string;
  quietEnd: string;
  notAfter: Date | null;
  now: Date;
}): Date | null {
  if (o.notAfter && o.desired >= o.notAfter) return null;
  return o.desired;
}
