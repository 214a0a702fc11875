// Preloaded into the soak's server (`--import`, bench/soak.ts): on SIGUSR2 it runs two full
// garbage collections and appends the V8 heap still in use (bytes, one JSON line) to the file
// named by HEAP_PROBE_FILE. The soak asks twice, after its early window and at the end, so the
// live heap's growth shows apart from RSS, which also follows V8's choice of heap size.
import fs from "node:fs";
import v8 from "node:v8";
import vm from "node:vm";

const file = process.env.HEAP_PROBE_FILE;
if (file) {
  v8.setFlagsFromString("--expose-gc");
  const gc = vm.runInNewContext("gc");
  process.on("SIGUSR2", () => {
    gc();
    gc();
    const { heapUsed } = process.memoryUsage();
    fs.appendFileSync(file, `${JSON.stringify({ heapUsed })}\n`);
  });
}
