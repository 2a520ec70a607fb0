// Unknown paths answer 404 inside the studio's chrome (the root error boundary renders it).
export async function loader() {
  throw new Response("Not found", { status: 404 });
}

export default function NotFound() {
  return null;
}
