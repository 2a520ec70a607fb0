import { z } from "zod";

/** Subdomains that belong to Wondrous itself, or that people would mistake for it. */
const RESERVED_SLUGS = new Set([
  "about",
  "account",
  "accounts",
  "admin",
  "api",
  "app",
  "apps",
  "assets",
  "auth",
  "billing",
  "blog",
  "cdn",
  "dashboard",
  "dev",
  "docs",
  "email",
  "ftp",
  "help",
  "internal",
  "localhost",
  "login",
  "mail",
  "my",
  "ns1",
  "ns2",
  "root",
  "secure",
  "signin",
  "signup",
  "smtp",
  "staff",
  "staging",
  "static",
  "status",
  "stripe",
  "support",
  "system",
  "test",
  "webhooks",
  "wondrous",
  "www",
]);

export const SlugSchema = z
  .string({ required_error: "Choose a web address for your studio" })
  .trim()
  .toLowerCase()
  .min(3, "Use at least 3 characters")
  .max(30, "Use at most 30 characters")
  .regex(/^[a-z0-9-]+$/, "Use only letters, numbers and hyphens")
  .regex(/^[a-z0-9].*[a-z0-9]$/, "Start and end with a letter or number")
  .refine((slug) => !slug.includes("--"), "Hyphens cannot be next to each other")
  .refine((slug) => !RESERVED_SLUGS.has(slug), "That address is reserved; please choose another");
