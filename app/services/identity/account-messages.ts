/** What a visitor is told; the same words on the pages and in the API's `error`. */
export const ACCOUNT_MESSAGES = {
  invalidCredentials: "That email and password do not match",
  throttled: "Too many sign-in attempts. Please wait 15 minutes or reset your password.",
  emailTaken: "An account with this email already exists. Sign in or reset your password.",
  resetRequested: "If an account exists for that email, we have sent a link to reset the password.",
} as const;
