/**
 * Runs `work` over the items with at most `lanes` running at once. The seed runs at every start
 * of the app (and of the e2e server), and most of its time is round trips to the database:
 * independent writes (different instructors' classes, different classes' bookings) overlap.
 */
export async function inLanes<T>(items: readonly T[], lanes: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(lanes, items.length) }, lane));
}
