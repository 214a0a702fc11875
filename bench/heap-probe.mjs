// Preloaded into the soak's server (`--import`, bench/soak.ts). It records every garbage
// collection with V8's own GC profiler, which collects nothing itself and changes no heap sizing
// (a forced collection would: one at the end of the warm-up kept RSS near 235 MB for the rest of
// a run that otherwise settled near 400 MB). On SIGUSR2 it appends, as one JSON line to the file
// named by HEAP_PROBE_FILE, the V8 heap in use (bytes) after each full (mark-compact) collection
// since the previous signal, then starts recording again. The soak asks at the edges of its two
// windows, so that the live heap's growth shows apart from RSS.
import fs from "node:fs";
import v8 from "node:v8";

const file = process.env.HEAP_PROBE_FILE;
if (file) {
  const profiler = new v8.GCProfiler();
  profiler.start();
  process.on("SIGUSR2", () => {
    const { statistics } = profiler.stop();
    profiler.start();
    const afterFull = statistics
      .filter((gc) => gc.gcType === "MarkSweepCompact")
      .map((gc) => gc.afterGC.heapStatistics.usedHeapSize);
    fs.appendFileSync(file, `${JSON.stringify({ afterFull })}\n`);
  });
}
