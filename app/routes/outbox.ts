import { redirect } from "@remix-run/node";

/** The old address of the message log, kept for bookmarks. */
export async function loader() {
  return redirect("/messages", 301);
}
