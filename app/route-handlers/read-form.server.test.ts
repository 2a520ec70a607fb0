import { describe, expect, test } from "vitest";
import { readForm } from "./read-form.server";

const post = (body: BodyInit, type?: string) =>
  new Request("http://demo.localhost/settings", {
    method: "POST",
    headers: type ? { "content-type": type } : {},
    body,
  });

async function refusal(request: Request) {
  const thrown = await readForm(request).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(thrown).toBeInstanceOf(Response);
  return thrown as Response;
}

describe("readForm", () => {
  test("a form comes back as FormData", async () => {
    const form = await readForm(post(new URLSearchParams({ name: "Ann" })));
    expect(form.get("name")).toBe("Ann");
  });

  test("a multipart body with a broken boundary is a 400 that says what to do", async () => {
    const response = await refusal(
      post(
        '------wrong\r\nContent-Disposition: form-data; name="a"\r\n\r\nb',
        "multipart/form-data; boundary=----right",
      ),
    );
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/could not be read/);
  });

  test("JSON sent to a form route is a 400", async () => {
    const response = await refusal(post('{"name":"Ann"}', "application/json"));
    expect(response.status).toBe(400);
  });

  test("a NUL character in a value or a name is a 400 asking to remove it", async () => {
    for (const fields of [[["name", "A\u0000nn"]], [["na\u0000me", "Ann"]]]) {
      const response = await refusal(post(new URLSearchParams(fields)));
      expect(response.status).toBe(400);
      expect(await response.text()).toMatch(/invisible control character/);
    }
  });
});
