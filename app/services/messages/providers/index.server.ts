import type { EmailProvider, SmsProvider } from "./types";

export function emailProvider(): EmailProvider | null {
  return null;
}
export function smsProvider(): SmsProvider | null {
  return null;
}
