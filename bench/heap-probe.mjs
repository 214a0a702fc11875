// Preloaded into the soak's server (`--import`, bench/soak.ts). It records every garbage
// collection with V8's own GC profiler, which collects nothing itself and changes no heap sizing
// (a forced collection would: one at the end of the warm-up kept RSS near 235 MB for the rest of
// a run that otherwise settled near 400 MB). On SIGUSR2 it appends, as one JSON line to the file
// named by HEAP_PROBE_FILE, the V8 heap in use (bytes) after each full (mark-compact) collection
// since the previous signal, then starts recording again. The soak asks at the edges of its two
// windows, so that the live heap's growth shows apart from RSS.
//
// The profiler keeps a record of every collection, scavenges included, in native memory until it
// is stopped: left running for the minutes between the windows it grew the server's RSS by itself.
// It is stopped and started again every few seconds, and only the numbers wanted are kept.
import fs from "node:fs";
import v8 from "node:v8";

const file = process.env.HEAP_PROBE_FILE;
const DRAIN_EVERY_MS = 5_000;

if (file) {
  let profiler = new v8.GCProfiler();
  profiler.start();
  let afterFull = [];
  const drain = () => {
    const { statistics } = profiler.stop();
    profiler = new v8.GCProfiler();
    profiler.start();
    for (const gc of statistics) {
      if (gc.gcType === "MarkSweepCompact") afterFull.push(gc.afterGC.heapStatistics.usedHeapSize);
    }
  };
  setInterval(drain, DRAIN_EVERY_MS).unref();
  process.on("SIGUSR2", () => {
    drain();
    fs.appendFileSync(file, `${JSON.stringify({ afterFull })}\n`);
    afterFull = [];
  });
}
