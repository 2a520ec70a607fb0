import { createHash, randomBytes } from "node:crypto";

/** 32 random bytes for a link or bearer token: shown to its owner once, never stored. */
export function newSecretToken() {
  return randomBytes(32).toString("base64url");
}

/** What we store instead of the token, so a database leak cannot be replayed. */
export function hashSecretToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}
