// Command-line options of the bench scripts: `--name`, `--name value`, `--name=value`.
export function args() {
  const argv = process.argv.slice(2);
  const has = (name) => argv.includes(`--${name}`);
  const num = (name, fallback) => {
    const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
    if (i < 0) return fallback;
    const v = argv[i].includes("=") ? argv[i].split("=")[1] : argv[i + 1];
    const n = Number(v);
    return Number.isFinite(n) ? n : fallback;
  };
  const str = (name, fallback) => {
    const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
    if (i < 0) return fallback;
    return (argv[i].includes("=") ? argv[i].slice(argv[i].indexOf("=") + 1) : argv[i + 1]) ?? fallback;
  };
  return { has, num, str, argv };
}

/** `--cpu-throttle N` (also `--cpu-throttle=N`); 1 means none. */
export function cpuThrottleArg(a) {
  const rate = a.num("cpu-throttle", 1);
  if (!(rate >= 1)) throw new Error("--cpu-throttle takes a rate of 1 or more (4 stands for a mid-range phone)");
  return rate;
}

export function throttleLabel(rate) {
  return rate > 1 ? `CPU throttled ${rate}× (CDP Emulation.setCPUThrottlingRate)` : "CPU not throttled";
}

