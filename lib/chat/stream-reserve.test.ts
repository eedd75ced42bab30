import { describe, expect, it } from "vitest";
import { createStreamReserve, reserveStep } from "./stream-reserve";

function setup(step = 300) {
  const applied: number[] = [];
  const pending: Array<() => void> = [];
  let cancelled = 0;
  const reserve = createStreamReserve({
    step: () => step,
    apply: (px) => applied.push(px),
    later: (task) => {
      pending.push(task);
      return () => {
        cancelled++;
        pending.splice(pending.indexOf(task), 1);
      };
    },
  });
  return { reserve, applied, pending, cancelled: () => cancelled };
}

describe("stream reserve", () => {
  it("takes a step at once when the text reaches the end of the room", () => {
    const { reserve, applied } = setup();
    reserve.contentHeight(0);
    expect(applied).toEqual([300]);
    reserve.contentHeight(120);
    reserve.contentHeight(140);
    // Growth inside the room changes nothing.
    expect(applied).toEqual([300]);
    reserve.contentHeight(310);
    expect(applied).toEqual([300, 610]);
  });

  it("takes the next step in an idle moment once the text is within half a step of the end", () => {
    const { reserve, applied, pending } = setup();
    reserve.contentHeight(0);
    reserve.contentHeight(149);
    expect(pending).toHaveLength(0);
    reserve.contentHeight(160);
    reserve.contentHeight(170);
    // One idle step asked for, not one per update.
    expect(pending).toHaveLength(1);
    expect(applied).toEqual([300]);
    pending.shift()!();
    // From the height when the idle moment came.
    expect(applied).toEqual([300, 470]);
  });

  it("an idle step overtaken by the text is cancelled", () => {
    const { reserve, applied, pending, cancelled } = setup();
    reserve.contentHeight(0);
    reserve.contentHeight(200);
    expect(pending).toHaveLength(1);
    reserve.contentHeight(305);
    expect(cancelled()).toBe(1);
    expect(pending).toHaveLength(0);
    expect(applied).toEqual([300, 605]);
  });

  it("does nothing after dispose, and cancels what it asked for", () => {
    const { reserve, applied, pending, cancelled } = setup();
    reserve.contentHeight(0);
    reserve.contentHeight(200);
    reserve.dispose();
    expect(cancelled()).toBe(1);
    reserve.contentHeight(900);
    expect(applied).toEqual([300]);
    expect(pending).toHaveLength(0);
  });

  it("gives back room the text no longer needs: a folded reasoning block, a smaller viewport", () => {
    let step = 300;
    const applied: number[] = [];
    const reserve = createStreamReserve({ step: () => step, apply: (px) => applied.push(px), later: () => () => {} });
    reserve.contentHeight(900);
    expect(applied).toEqual([1200]);
    // The reasoning above the answer folds: 700 px of text is gone.
    reserve.contentHeight(200);
    expect(applied).toEqual([1200, 500]);
    // The keyboard opens: steps are smaller, and so is the room.
    step = 100;
    reserve.contentHeight(210);
    expect(applied).toEqual([1200, 500, 310]);
  });

  it("ignores heights that are not sizes", () => {
    const { reserve, applied } = setup();
    reserve.contentHeight(Number.NaN);
    reserve.contentHeight(-5);
    expect(applied).toEqual([]);
  });

  it("a step is a third of the list's height, never under 48 px", () => {
    expect(reserveStep(900)).toBe(300);
    expect(reserveStep(240)).toBe(80);
    expect(reserveStep(90)).toBe(48);
  });
});
