/** What a visitor is told; the same words on the pages and in the API's `error`. */
export const ACCOUNT_MESSAGES = {
  invalidCredentials: "That email and password do not match",
  throttled: "Too many sign-in attempts. Wait 15 minutes, or sign in with a link we email you.",
  emailTaken: "An account with this email already exists. Sign in or reset your password.",
  unknownLocation: "Choose one of the studio's open locations",
  signInLinkSent: "If an account exists for that email, we have sent it a link to sign in.",
  signInLinkExpired: "That sign-in link has expired or was already used. Ask for a new one.",
  resetRequested: "If an account exists for that email, we have sent a link to reset the password.",
  emailNotVerified:
    "Please confirm your email address before booking: open the link we emailed you, or ask for a new one.",
  verificationLinkExpired: "This link has expired or was already used. Ask for a new one from My account.",
  verificationLinkSent: "We have sent you a new link. Open it to confirm your email address.",
  emailVerified: "Thank you: your email address is confirmed.",
} as const;
