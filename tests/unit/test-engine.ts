/** Which engine this test run's stores use ("sqlite", or "postgres" in the postgres project). */
export const testEngine: "sqlite" | "postgres" =
  process.env.PORTAL_TEST_ENGINE === "postgres" ? "postgres" : "sqlite";
