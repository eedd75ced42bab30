/**
 * NextChat stores each message's time as `new Date().toLocaleString()`: text in whatever locale
 * the browser had ("2024/5/20 14:03:11", "5/20/2024, 2:03:11 PM", "20.5.2024, 14:03:11",
 * "2024/5/20 下午2:03:11"). This reads the common shapes back as local time, or gives null.
 */

const PM = /(pm|p\.m\.|下午|晚上|午後|오후)/i;
const AM = /(am|a\.m\.|上午|凌晨|早上|午前|오전)/i;

export function parseLocaleDate(text: string): number | null {
  const s = text.trim();
  if (!s) return null;
  if (/^\d{4}-\d{2}-\d{2}T/.test(s)) {
    const iso = Date.parse(s);
    return Number.isNaN(iso) ? null : iso;
  }
  const nums = s.match(/\d+/g);
  if (!nums || nums.length < 3) return null;
  const [a, b, c] = nums.slice(0, 3).map(Number);
  let year: number, month: number, day: number;
  if (nums[0].length === 4) {
    [year, month, day] = [a, b, c]; // zh, ja, ko, sv, ISO-like
  } else if (nums[2].length === 4) {
    year = c;
    // Day first where it must be (a > 12) or where the separator says so (20.5.2024, 20-05-2024);
    // a slash with both ≤ 12 is read the en-US way, the most common such locale.
    const dayFirst = a > 12 || (b <= 12 && /^\d+[.-]/.test(s.replace(/^\D+/, "")));
    [month, day] = dayFirst ? [b, a] : [a, b];
  } else {
    return null;
  }
  let [hour, minute, second] = nums.slice(3, 6).map(Number);
  hour ??= 0;
  minute ??= 0;
  second ??= 0;
  if (PM.test(s) && hour < 12) hour += 12;
  else if (AM.test(s) && hour === 12) hour = 0;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  const t = new Date(year, month - 1, day, hour, minute, second).getTime();
  return Number.isNaN(t) ? null : t;
}
