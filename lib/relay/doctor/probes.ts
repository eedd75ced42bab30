/**
 * The prompts the doctor sends, and the identity probes: the reasoning questions users traditionally
 * ask to tell models apart (weaker and older models trip over them; strong ones rarely do), in
 * Chinese and English. Their answers are shown beside a reference answer, as a hint, never as proof:
 * a strong model can slip, and a weak one can have seen the question before.
 */

/** The one-token completion of the model step. */
export const MODEL_CHECK_PROMPT = "Reply with the single word OK.";
/** The streamed answer of the stream step: long enough to see how its pieces arrive. */
export const STREAM_PROMPT = "Count from 1 to 30, separated by spaces, with nothing else.";
export const STREAM_MAX_TOKENS = 120;
/** Each identity probe's answer is cut here (the cost shown before a run assumes all of it). */
export const PROBE_MAX_TOKENS = 300;

export interface IdentityProbe {
  id: string;
  lang: "en" | "zh-CN";
  question: string;
  /** A correct answer, as strong models give it. */
  reference: string;
}

export const IDENTITY_PROBES: readonly IdentityProbe[] = [
  {
    id: "strawberry",
    lang: "en",
    question: 'How many times does the letter "r" appear in the word "strawberry"? Answer in one short sentence.',
    reference: 'Three times: st-r-awbe-r-r-y.',
  },
  {
    id: "decimals",
    lang: "zh-CN",
    question: "9.11 和 9.9 哪个大？请用一句话回答。",
    reference: "9.9 更大：9.9 = 9.90，而 9.90 > 9.11。",
  },
  {
    id: "sisters",
    lang: "en",
    question: "Sally has 3 brothers. Each of her brothers has 2 sisters. How many sisters does Sally have? Answer in one short sentence.",
    reference: "One: the brothers' two sisters are Sally herself and one other girl.",
  },
  {
    id: "luxun",
    lang: "zh-CN",
    question: "鲁迅为什么暴打周树人？请简短回答。",
    reference: "这个问题的前提不成立：周树人就是鲁迅（鲁迅是他的笔名），他没有打过自己。",
  },
];
